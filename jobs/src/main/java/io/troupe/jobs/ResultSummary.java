package io.troupe.jobs;

import io.troupe.trial.TrialResult;
import java.util.List;
import java.util.Map;

/** The few lines printed after a trial: status, headline metrics, diagnosis. */
final class ResultSummary {
  private static final List<String> HEADLINE = List.of("val_loss", "val_accuracy", "test_accuracy", "val_mse",
      "test_mse", "oob_accuracy", "swa_test_accuracy", "ema_test_accuracy", "samples_per_second");

  private ResultSummary() {}

  static String describe(TrialResult result) {
    StringBuilder s = new StringBuilder();
    s.append(result.info().trialId()).append(": ").append(result.status());
    if (result instanceof TrialResult.Diverged d) {
      s.append(" at epoch ").append(d.at().epoch()).append(", iteration ").append(d.at().iteration())
          .append(": ").append(d.at().reason());
    } else if (result instanceof TrialResult.Failed f) {
      s.append(": ").append(f.exceptionClass()).append(": ").append(f.message());
    }
    s.append(String.format(" (%.1fs)%n", result.info().wallSeconds()));
    Map<String, Double> m = result.info().metrics();
    for (String key : HEADLINE) {
      if (m.containsKey(key) && Double.isFinite(m.get(key))) {
        s.append(String.format("  %-20s %.4f%n", key, m.get(key)));
      }
    }
    var d = result.info().diagnosis();
    s.append("  diagnosis: learning rate ").append(d.learningRate()).append(", fit ").append(d.fit()).append('\n');
    d.notes().forEach(n -> s.append("    ").append(n).append('\n'));
    return s.toString();
  }
}
