package io.troupe.train;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.eval.RegressionMetrics;

/**
 * The two figures every epoch reports for a part of the data: the loss (cross-entropy, or MSE for
 * regression) and the accuracy (NaN for regression, and for an empty part).
 */
record Scores(double loss, double accuracy) {
  static Scores of(Predictions predictions, Dataset data) {
    if (data.size() == 0) {
      return new Scores(Double.NaN, Double.NaN);
    }
    if (data.task() == Task.REGRESSION) {
      return new Scores(RegressionMetrics.of(predictions, data).mse(), Double.NaN);
    }
    ClassificationMetrics m = ClassificationMetrics.of(predictions, data);
    return new Scores(m.nll(), m.accuracy());
  }
}
