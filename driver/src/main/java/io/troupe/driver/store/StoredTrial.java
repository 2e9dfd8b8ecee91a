package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/** One record read back from trials.jsonl: enough to resume a sweep and rank its trials. */
public record StoredTrial(String trialId, String status, Map<String, Object> params, Map<String, Double> metrics,
    JsonNode json) {

  public StoredTrial {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
  }

  /** COMPLETED, DIVERGED and PRUNED trials are done; a FAILED one may be rerun on --resume. */
  public boolean ended() {
    return status.equals("COMPLETED") || status.equals("DIVERGED") || status.equals("PRUNED");
  }

  /** The metric, or NaN when absent (a diverged or failed trial has no score). */
  public double metric(String name) {
    Double v = metrics.get(name);
    return v == null ? Double.NaN : v;
  }
}
