package io.troupe.driver.api;

import io.troupe.trial.TrialResult;
import java.util.Objects;

/**
 * How {@link Troupe#train} ended: the trial's result (completed, diverged or failed: an expected
 * outcome is a value, not an exception) and where the run's records are viewed.
 *
 * @param result the trial's outcome, with its metrics, history, diagnosis and artifacts
 * @param trialsFile the run's trials.jsonl (a path or URI), which now holds this result too
 */
public record TrainOutcome(TrialResult result, String trialsFile) {
  public TrainOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(trialsFile, "trialsFile");
  }

  /** Whether the trial failed with an exception (its stack trace is in the result). */
  public boolean failed() {
    return result instanceof TrialResult.Failed;
  }
}
