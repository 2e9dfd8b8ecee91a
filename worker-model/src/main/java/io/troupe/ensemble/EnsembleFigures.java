package io.troupe.ensemble;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.eval.RegressionMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison table's figures for one combined prediction and the members it came from. */
public final class EnsembleFigures {
  private EnsembleFigures() {}

  /**
   * @param members the members' own predictions, for the diversity columns; empty when the
   *     combined model has no separately scored members (SWA, EMA)
   * @param ties examples the vote could not decide, or null when the combiner does not vote (the
   *     cell stays blank)
   */
  public static Map<String, Double> of(Predictions combined, List<Predictions> members, Dataset test, Integer ties) {
    Map<String, Double> f = new LinkedHashMap<>();
    if (test.task() == Task.REGRESSION) {
      RegressionMetrics r = RegressionMetrics.of(combined, test);
      f.put("mse", r.mse());
      f.put("mae", r.mae());
      return f;
    }
    ClassificationMetrics c = ClassificationMetrics.of(combined, test);
    f.put("accuracy", c.accuracy());
    f.put("nll", c.nll());
    f.put("brier", c.brier());
    f.put("ece", c.ece());
    f.put("macro_f1", c.macroF1());
    if (!members.isEmpty()) {
      Diversity d = Diversity.of(members, labels(test));
      f.put("mean_member_accuracy", d.meanMemberAccuracy());
      f.put("oracle_accuracy", d.oracleAccuracy());
      f.put("disagreement", d.disagreement());
    }
    if (ties != null) {
      f.put("ties", (double) ties);
    }
    return f;
  }

  public static int[] labels(Dataset data) {
    int[] labels = new int[data.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.label(i);
    }
    return labels;
  }

  /** Accuracy of {@code p}, or its MSE for regression: the one figure curves and rankings use. */
  public static double headline(Predictions p, Dataset data) {
    return data.task() == Task.REGRESSION ? RegressionMetrics.of(p, data).mse() : ClassificationMetrics.of(p, data).accuracy();
  }
}
