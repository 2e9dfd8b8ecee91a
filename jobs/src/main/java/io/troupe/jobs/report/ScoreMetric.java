package io.troupe.jobs.report;

import java.util.Collection;

/**
 * The figure a section ranks by and whether larger is better (accuracy) or smaller (mse, loss),
 * so "best" is never a hard-coded max.
 */
record ScoreMetric(String name, boolean largerIsBetter) {

  /** The best finite value, or NaN when there is none. */
  double best(Collection<Double> values) {
    double best = Double.NaN;
    for (double v : values) {
      if (Double.isFinite(v) && (Double.isNaN(best) || better(v, best))) {
        best = v;
      }
    }
    return best;
  }

  boolean better(double a, double b) {
    return largerIsBetter ? a > b : a < b;
  }

  /** "accuracy (higher is better)", for chart titles and descriptions. */
  String described() {
    return name + (largerIsBetter ? " (higher is better)" : " (lower is better)");
  }
}
