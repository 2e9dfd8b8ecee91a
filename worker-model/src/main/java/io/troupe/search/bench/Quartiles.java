package io.troupe.search.bench;

import java.util.Arrays;

/**
 * The median and quartiles of a sample, interpolated linearly between order statistics (numpy's
 * default, R's type 7), so figures from Troupe's runs and Optuna's read alike.
 */
public record Quartiles(double q1, double median, double q3) {

  public static Quartiles of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
  }

  /** q3 - q1. */
  public double iqr() {
    return q3 - q1;
  }

  /** The p-quantile of already sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
