package io.troupe.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.config.binding.ConfigValue;
import io.troupe.config.binding.Problems;
import io.troupe.config.binding.Yaml;
import java.io.Serializable;

/**
 * One user setting under model.params: any YAML value (a number, a string, a boolean or a list),
 * kept as written. The user's factory reads it with a type of its choosing through
 * {@code io.troupe.api.ModelParams}, which says which key had the wrong kind of value.
 */
public final class ParamValue implements ConfigValue, Serializable {
  private static final long serialVersionUID = 1L;
  // Kept as YAML text: JsonNode is not Serializable, and trials travel to executors.
  private final String yaml;
  private transient JsonNode node;

  private ParamValue(JsonNode node) {
    this.node = node;
    this.yaml = node.toString();
  }

  public static ParamValue of(Object value) {
    return new ParamValue(Yaml.mapper().valueToTree(value));
  }

  /** Binds any non-null value; a mapping is refused (nest keys with dots instead). */
  public static ParamValue fromConfig(JsonNode node, String path, Problems problems) {
    if (node.isObject()) {
      problems.add(path, "must be a number, string, boolean or list, got a mapping; use separate keys ("
          + path + ".<key>) instead");
      return null;
    }
    return new ParamValue(node);
  }

  public JsonNode node() {
    if (node == null) {
      try {
        node = Yaml.mapper().readTree(yaml);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot re-read a model.params value " + yaml, e);
      }
    }
    return node;
  }

  @Override
  public Object toConfig() {
    return Yaml.mapper().convertValue(node(), Object.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamValue p && p.node().equals(node());
  }

  @Override
  public int hashCode() {
    return node().hashCode();
  }

  @Override
  public String toString() {
    return yaml;
  }
}
