package io.troupe.jobs.mllib;

import io.troupe.driver.store.StoredTrial;
import java.util.Map;
import java.util.TreeMap;

/**
 * One grid point's outcome on one side of the benchmark.
 *
 * @param params the searched values (config path to value)
 * @param valAccuracy accuracy on the validation part (NaN if the point produced no score)
 * @param testAccuracy accuracy on the test part (NaN if none)
 * @param seconds the point's own training and evaluation time (NaN if unknown)
 * @param steps what the point trained: L-BFGS iterations run (MLlib) or epochs (Troupe)
 */
public record GridScore(String trialId, Map<String, Object> params, double valAccuracy, double testAccuracy,
    double seconds, int steps) {

  public GridScore {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** A Troupe trial as read back from its sweep's trials.jsonl. */
  public static GridScore of(StoredTrial trial) {
    return new GridScore(trial.trialId(), trial.params(), trial.metric("val_accuracy"),
        trial.metric("test_accuracy"), trial.json().path("wallSeconds").asDouble(Double.NaN),
        trial.json().path("history").size());
  }

  /** A planned point that left no result (e.g. its trial failed). */
  public static GridScore missing(String trialId, Map<String, Object> params) {
    return new GridScore(trialId, params, Double.NaN, Double.NaN, Double.NaN, 0);
  }

  public boolean scored() {
    return Double.isFinite(valAccuracy);
  }
}
