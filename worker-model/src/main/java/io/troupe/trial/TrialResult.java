package io.troupe.trial;

import io.troupe.eval.Predictions;
import java.io.Serializable;
import java.util.Map;

/**
 * The outcome of one trial. Expected outcomes are values: a diverged, failed or pruned trial is a
 * result, never an exception, so the others in a sweep go on.
 */
public sealed interface TrialResult extends Serializable {
  TrialInfo info();

  /** How the trial ended; its name is the record's status in trials.jsonl. */
  TrialStatus status();

  /** Trained to the end. Predictions are class probabilities (or outputs) on validation and test. */
  record Completed(TrialInfo info, Predictions validation, Predictions test, int[] outOfBag) implements TrialResult {
    public TrialStatus status() {
      return TrialStatus.COMPLETED;
    }
  }

  /** Stopped at once when the loss became NaN/Inf or exceeded k x its initial value (seed 002). */
  record Diverged(TrialInfo info, DivergencePoint at) implements TrialResult {
    public TrialStatus status() {
      return TrialStatus.DIVERGED;
    }
  }

  /** An exception ended the trial; its class and message are kept, the sweep goes on. */
  record Failed(TrialInfo info, String exceptionClass, String message) implements TrialResult {
    public TrialStatus status() {
      return TrialStatus.FAILED;
    }
  }

  /**
   * Stopped by the search (ASHA) and not run further. The search decides this on the driver, so the
   * result has no history, metrics, provenance or artifacts of its own; its rung runs have them.
   */
  record Pruned(TrialInfo info, String reason) implements TrialResult {
    public static Pruned of(String trialId, Map<String, Object> params, long seed, String reason) {
      return new Pruned(TrialInfo.untrained(trialId, params, seed, Map.of(), null, 0.0), reason);
    }

    public TrialStatus status() {
      return TrialStatus.PRUNED;
    }
  }
}
