package io.troupe.driver.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One trial record read back from a run: enough to resume a sweep, rank its trials and find their
 * artifacts. Read from a record's text, only the fields an index needs are parsed (a record's
 * history is most of its size); {@link #json()} parses the whole record when someone asks for it.
 */
public final class StoredTrial {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The fields a run's index reads; the rest (history, diagnosis, provenance) is skipped. */
  private static final Set<String> INDEXED = Set.of("trialId", "status", "seq", "params", "metrics", "artifacts",
      "askedBefore");

  private final String trialId;
  private final TrialStatus status;
  private final Map<String, Object> params;
  private final Map<String, Double> metrics;
  private final JsonNode indexed;
  private final String line;
  private volatile JsonNode json;

  /** A trial from a whole record (tests, and records built in memory). */
  public StoredTrial(String trialId, TrialStatus status, Map<String, Object> params, Map<String, Double> metrics,
      JsonNode json) {
    this(trialId, status, params, metrics, json, json.toString());
    this.json = json;
  }

  private StoredTrial(String trialId, TrialStatus status, Map<String, Object> params, Map<String, Double> metrics,
      JsonNode indexed, String line) {
    this.trialId = trialId;
    this.status = status;
    this.params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    this.metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    this.indexed = indexed;
    this.line = line;
  }

  /**
   * Reads one record; a metric that is not a number (null for NaN/Inf) reads as NaN.
   *
   * @throws IllegalArgumentException when the record has no trialId or status, or a status that is
   *     not one of {@link TrialStatus}
   */
  public static StoredTrial fromJson(JsonNode node) {
    checkRequired(node);
    return new StoredTrial(node.get("trialId").asText(), TrialStatus.parse(node.get("status").asText()),
        params(node.get("params")), metrics(node.get("metrics")), node);
  }

  /**
   * Reads one record from its text, parsing only the indexed fields (the rest is checked to be
   * well-formed JSON and skipped).
   *
   * @throws IllegalArgumentException as {@link #fromJson}, or when the text is not one JSON object
   */
  public static StoredTrial fromLine(String line) {
    ObjectNode index = JSON.createObjectNode();
    try (JsonParser p = JSON.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        p.nextToken();
        if (INDEXED.contains(name)) {
          index.set(name, JSON.readTree(p));
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("expected one JSON object, got more after it");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    checkRequired(index);
    return new StoredTrial(index.get("trialId").asText(), TrialStatus.parse(index.get("status").asText()),
        params(index.get("params")), metrics(index.get("metrics")), index, line);
  }

  private static void checkRequired(JsonNode node) {
    if (!node.hasNonNull("trialId") || !node.hasNonNull("status")) {
      throw new IllegalArgumentException("a trial record needs trialId and status");
    }
  }

  public String trialId() {
    return trialId;
  }

  public TrialStatus status() {
    return status;
  }

  public Map<String, Object> params() {
    return params;
  }

  public Map<String, Double> metrics() {
    return metrics;
  }

  /** The record's place in its run (0 in an earlier Troupe's trials.jsonl). */
  /**
   * How many trials its study had asked when this result was told, so --resume tells it at the same
   * point; -1 for a record stored outside a study or by a Troupe that did not count.
   */
  public long askedBefore() {
    return indexed.path("askedBefore").asLong(-1);
  }

  public long seq() {
    return indexed.path("seq").asLong();
  }

  /** The record as it was written, one line of JSON. */
  public String line() {
    return line;
  }

  /** The whole record: history, diagnosis, provenance and all. */
  public JsonNode json() {
    JsonNode whole = json;
    if (whole == null) {
      try {
        whole = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalStateException("a record that indexed cleanly did not parse: " + e.getMessage(), e);
      }
      json = whole;
    }
    return whole;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredTrial t && trialId.equals(t.trialId) && json().equals(t.json());
  }

  @Override
  public int hashCode() {
    return trialId.hashCode();
  }

  @Override
  public String toString() {
    return "StoredTrial[" + trialId + ", " + status + ", " + metrics + "]";
  }

  /** See {@link TrialStatus#ended}: a FAILED trial may be rerun on --resume. */
  public boolean ended() {
    return status.ended();
  }

  /** The metric, or NaN when absent (a diverged or failed trial has no score). */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }

  /** The store key of the trial's artifact in {@code role} (a role that is not numbered), if it kept one. */
  public Optional<String> artifact(ArtifactRole role) {
    JsonNode key = indexed.path("artifacts").path(role.entry());
    return key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
  }

  /** The store keys of the trial's artifacts in a numbered {@code role} (snapshots), by number. */
  public List<String> artifacts(ArtifactRole role) {
    if (!role.numbered()) {
      throw new IllegalArgumentException(role.entry() + " artifacts are not numbered; use artifact(role)");
    }
    Map<Integer, String> byNumber = new TreeMap<>();
    indexed.path("artifacts").fields().forEachRemaining(e -> role.index(e.getKey())
        .ifPresent(n -> byNumber.put(n, e.getValue().asText())));
    return List.copyOf(byNumber.values());
  }

  private static Map<String, Object> params(JsonNode node) {
    Map<String, Object> params = new LinkedHashMap<>();
    if (node != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    }
    return params;
  }

  private static Map<String, Double> metrics(JsonNode node) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (node != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
      }
    }
    return metrics;
  }
}
