package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.trial.TrialStatus;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One record read back from trials.jsonl: enough to resume a sweep, rank its trials and find their artifacts. */
public record StoredTrial(String trialId, TrialStatus status, Map<String, Object> params, Map<String, Double> metrics,
    JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public StoredTrial {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
  }

  /**
   * Reads one trials.jsonl record; a metric that is not a number (null for NaN/Inf) reads as NaN.
   *
   * @throws IllegalArgumentException when the record has no trialId or status, or a status that is
   *     not one of {@link TrialStatus}
   */
  public static StoredTrial fromJson(JsonNode node) {
    if (!node.hasNonNull("trialId") || !node.hasNonNull("status")) {
      throw new IllegalArgumentException("a trial record needs trialId and status");
    }
    return new StoredTrial(node.get("trialId").asText(), TrialStatus.parse(node.get("status").asText()),
        params(node.get("params")), metrics(node.get("metrics")), node);
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
    JsonNode key = json.path("artifacts").path(role.entry());
    return key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
  }

  /** The store keys of the trial's artifacts in a numbered {@code role} (snapshots), by number. */
  public List<String> artifacts(ArtifactRole role) {
    if (!role.numbered()) {
      throw new IllegalArgumentException(role.entry() + " artifacts are not numbered; use artifact(role)");
    }
    Map<Integer, String> byNumber = new TreeMap<>();
    json.path("artifacts").fields().forEachRemaining(e -> role.index(e.getKey())
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
