package io.troupe.trial;

import io.troupe.eval.Predictions;
import java.io.Serializable;

/**
 * The outcome of one trial. Expected outcomes are values: a diverged or failed trial is a result,
 * never an exception, so the others in a sweep go on.
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
}
