package io.troupe.trial;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.eval.RegressionMetrics;
import java.util.Map;

/**
 * The names final metrics go by in results: {@code <prefix>_<figure>}, e.g. val_accuracy,
 * test_nll, swa_test_accuracy. val_loss/test_loss are the unregularised loss the network
 * minimises: cross-entropy (= nll) for classification, mse for regression.
 */
public final class TrialMetrics {
  private TrialMetrics() {}

  /** Adds the figures of {@code predictions} on {@code data} under {@code prefix} (val, test, oob, swa_val...). */
  public static void put(Map<String, Double> metrics, String prefix, Predictions predictions, Dataset data) {
    if (data.size() == 0) {
      return;
    }
    if (data.task() == Task.REGRESSION) {
      RegressionMetrics r = RegressionMetrics.of(predictions, data);
      metrics.put(prefix + "_mse", r.mse());
      metrics.put(prefix + "_mae", r.mae());
      metrics.put(prefix + "_loss", r.mse());
      return;
    }
    ClassificationMetrics c = ClassificationMetrics.of(predictions, data);
    metrics.put(prefix + "_accuracy", c.accuracy());
    metrics.put(prefix + "_nll", c.nll());
    metrics.put(prefix + "_loss", c.nll());
    metrics.put(prefix + "_brier", c.brier());
    metrics.put(prefix + "_ece", c.ece());
    metrics.put(prefix + "_macro_f1", c.macroF1());
  }
}
