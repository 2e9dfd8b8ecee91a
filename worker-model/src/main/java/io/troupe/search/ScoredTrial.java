package io.troupe.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished trial: its id, its search values (config path -> value) and its objective in the
 * experiment's units (e.g. validation accuracy). A non-finite objective (NaN: diverged or failed)
 * means no score; such a trial is never among the best.
 */
public record ScoredTrial(String trialId, Map<String, Object> params, double objective) {
  public ScoredTrial {
    Objects.requireNonNull(trialId, "trialId");
    // A copy that allows null values: a choice may legitimately be null.
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Whether the trial has a usable score (finite objective). */
  public boolean isScored() {
    return Double.isFinite(objective);
  }
}
