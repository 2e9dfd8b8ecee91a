package io.troupe.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.util.Optional;

/**
 * Where a DIVERGED trial blew up, from its record: the 1-based epoch, the iteration and why, the
 * mini-batch loss the guard stopped it at (NaN when that was not finite, or not recorded), and the
 * last finite value of the objective it recorded before (NaN when it diverged in its first epoch),
 * so a chart can place it where it stood.
 */
record Divergence(String trialId, int epoch, long iteration, String reason, double loss, double lastScore) {

  /** The trial's divergence, or empty when it did not diverge. */
  static Optional<Divergence> of(StoredTrial trial, String metric) {
    if (trial.status() != TrialStatus.DIVERGED) {
      return Optional.empty();
    }
    JsonNode at = trial.json().path("divergence");
    TrialHistory.Curve curve = TrialHistory.of(trial, metric);
    double last = curve.isEmpty() ? Double.NaN : curve.values()[curve.values().length - 1];
    JsonNode loss = at.path("loss");
    return Optional.of(new Divergence(trial.trialId(), at.path("epoch").asInt(0), at.path("iteration").asLong(-1),
        at.path("reason").asText(""), loss.isNumber() ? loss.asDouble() : Double.NaN, last));
  }

  /** "at epoch 2 (iteration 130): loss is Infinity", for lists and tables. */
  String described() {
    return (epoch > 0 ? "at epoch " + epoch : "at an unrecorded epoch")
        + (iteration >= 0 ? " (iteration " + iteration + ")" : "") + (reason.isEmpty() ? "" : ": " + reason);
  }
}
