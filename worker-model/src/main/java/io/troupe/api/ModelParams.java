package io.troupe.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.InvalidInputException;
import io.troupe.config.ParamValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A trial's {@code model.params}, with the values a search chose for it, read with the type the
 * factory wants. A missing key without a default, or a value of the wrong kind, fails with a
 * message naming {@code model.params.<key>} and what was expected.
 */
public final class ModelParams implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, ParamValue> values;

  public ModelParams(Map<String, ParamValue> values) {
    this.values = new TreeMap<>(values);
  }

  public Set<String> keys() {
    return java.util.Collections.unmodifiableSet(values.keySet());
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public int getInt(String key) {
    return toInt(key, require(key));
  }

  public int getInt(String key, int fallback) {
    return has(key) ? getInt(key) : fallback;
  }

  public long getLong(String key, long fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode n = require(key);
    if (!n.isNumber() || n.asDouble() != Math.rint(n.asDouble())) {
      throw wrong(key, "a whole number", n);
    }
    return n.asLong();
  }

  public double getDouble(String key) {
    JsonNode n = require(key);
    if (!n.isNumber()) {
      throw wrong(key, "a number", n);
    }
    return n.asDouble();
  }

  public double getDouble(String key, double fallback) {
    return has(key) ? getDouble(key) : fallback;
  }

  public String getString(String key) {
    JsonNode n = require(key);
    if (!n.isValueNode()) {
      throw wrong(key, "a string", n);
    }
    return n.asText();
  }

  public String getString(String key, String fallback) {
    return has(key) ? getString(key) : fallback;
  }

  public boolean getBoolean(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode n = require(key);
    if (!n.isBoolean()) {
      throw wrong(key, "true or false", n);
    }
    return n.asBoolean();
  }

  public List<Integer> getIntList(String key) {
    JsonNode n = require(key);
    if (!n.isArray()) {
      throw wrong(key, "a list of whole numbers", n);
    }
    List<Integer> out = new ArrayList<>();
    n.forEach(item -> out.add(toInt(key, item)));
    return List.copyOf(out);
  }

  public List<Integer> getIntList(String key, List<Integer> fallback) {
    return has(key) ? getIntList(key) : fallback;
  }

  private JsonNode require(String key) {
    ParamValue v = values.get(key);
    if (v == null) {
      throw new InvalidInputException("model.params." + key + ": the factory needs it, but the config does not set it"
          + (values.isEmpty() ? "" : " (it sets " + String.join(", ", values.keySet()) + ")"));
    }
    return v.node();
  }

  private static int toInt(String key, JsonNode n) {
    if (!n.isNumber() || n.asDouble() != Math.rint(n.asDouble()) || Math.abs(n.asDouble()) > Integer.MAX_VALUE) {
      throw wrong(key, "a whole number", n);
    }
    return n.asInt();
  }

  private static InvalidInputException wrong(String key, String expected, JsonNode got) {
    return new InvalidInputException("model.params." + key + ": expected " + expected + ", got " + got);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
