package io.troupe.trial;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every trial result carries, whatever its outcome.
 *
 * @param metrics final figures by name (val_accuracy, val_loss, test_accuracy, ...; see
 *     {@link TrialMetrics}); partial for a diverged trial
 * @param artifacts artifact-store keys by their {@link io.troupe.artifacts.ArtifactRole} entry (model, swa,
 *     ema, snapshot-001, predictions-test, ...)
 */
public record TrialInfo(String trialId, Map<String, Object> params, long seed, List<EpochStats> history,
    Map<String, Double> metrics, Diagnosis diagnosis, Provenance provenance, double wallSeconds,
    Map<String, String> artifacts) implements Serializable {

  /** The info of a trial that never trained (failed before, or did no work): no history, no artifacts. */
  public static TrialInfo untrained(String trialId, Map<String, Object> params, long seed, Map<String, Double> metrics,
      Provenance provenance, double wallSeconds) {
    return new TrialInfo(trialId, params, seed, List.of(), metrics,
        new Diagnosis(Diagnosis.LearningRateVerdict.FINE, Diagnosis.FitVerdict.UNKNOWN, List.of()),
        provenance, wallSeconds, Map.of());
  }

  public TrialInfo {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    history = List.copyOf(history);
    metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    artifacts = java.util.Collections.unmodifiableMap(new TreeMap<>(artifacts));
  }
}
