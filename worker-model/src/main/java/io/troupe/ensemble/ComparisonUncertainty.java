package io.troupe.ensemble;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.Bootstrap;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Interval;
import io.troupe.eval.McNemar;
import io.troupe.eval.Predictions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison's uncertainty columns for one row, from its predictions on the test examples:
 * accuracy and NLL (MSE for regression) with 95% bootstrap intervals over the examples, and the
 * p-value of its difference from the baseline row on the same examples: McNemar's exact test for
 * accuracy, a paired bootstrap for NLL and MSE. Rows with overlapping intervals can still differ
 * clearly: the paired test is the one that compares them.
 */
public final class ComparisonUncertainty {
  /** The columns, named {@code <figure>_low}, {@code <figure>_high} and {@code <figure>_p}. */
  public static final List<String> COLUMNS = List.of("accuracy_low", "accuracy_high", "accuracy_p", "nll_low",
      "nll_high", "nll_p", "mse_low", "mse_high", "mse_p");

  private final Dataset test;
  private final Bootstrap bootstrap = Bootstrap.standard();
  private final Predictions baselinePredictions;
  private final PerExample baseline;

  /**
   * @param baseline the baseline row's test predictions, or null when there is none (the rows get
   *     intervals and no p-values)
   */
  public ComparisonUncertainty(Dataset test, Predictions baseline) {
    this.test = Objects.requireNonNull(test, "test");
    this.baselinePredictions = baseline;
    this.baseline = baseline == null ? null : perExample(baseline);
  }

  /**
   * The columns for one row's combined predictions. The baseline's own row (the same predictions)
   * gets intervals only: a p-value against itself says nothing.
   */
  public Map<String, Double> of(Predictions predictions) {
    PerExample row = perExample(predictions);
    boolean tested = baseline != null && !predictions.equals(baselinePredictions);
    Map<String, Double> f = new LinkedHashMap<>();
    if (test.task() == Task.REGRESSION) {
      put(f, "mse", bootstrap.mean(row.loss()));
      if (tested) {
        f.put("mse_p", bootstrap.paired(row.loss(), baseline.loss()).p());
      }
      return f;
    }
    put(f, "accuracy", bootstrap.mean(row.correctness()));
    put(f, "nll", bootstrap.mean(row.loss()));
    if (tested) {
      f.put("accuracy_p", McNemar.of(row.correct(), baseline.correct()).p());
      f.put("nll_p", bootstrap.paired(row.loss(), baseline.loss()).p());
    }
    return f;
  }

  private static void put(Map<String, Double> f, String figure, Interval interval) {
    f.put(figure + "_low", interval.low());
    f.put(figure + "_high", interval.high());
  }

  /**
   * Each example's figures: correct or not and the NLL of its label (classification), or the
   * squared error (regression); means of these are the table's accuracy, nll and mse.
   */
  private record PerExample(boolean[] correct, double[] correctness, double[] loss) {}

  private PerExample perExample(Predictions p) {
    int n = test.size();
    if (p.rows() != n) {
      throw new IllegalArgumentException("predictions have " + p.rows() + " rows, the test part " + n + " examples");
    }
    boolean[] correct = new boolean[n];
    double[] correctness = new double[n];
    double[] loss = new double[n];
    for (int i = 0; i < n; i++) {
      if (test.task() == Task.REGRESSION) {
        double error = (double) p.output(i) - test.target(i);
        loss[i] = error * error;
      } else {
        int label = test.label(i);
        correct[i] = p.predictedClass(i) == label;
        correctness[i] = correct[i] ? 1 : 0;
        loss[i] = -Math.log(Math.max(p.probability(i, label), ClassificationMetrics.MIN_PROBABILITY));
      }
    }
    return new PerExample(correct, correctness, loss);
  }
}
