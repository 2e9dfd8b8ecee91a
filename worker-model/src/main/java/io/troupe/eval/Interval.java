package io.troupe.eval;

/**
 * A figure with a confidence interval around it, e.g. a test accuracy with its 95% bootstrap
 * interval. The bounds come from resampling, so they need not be symmetric about the estimate.
 *
 * @param estimate the figure on the data itself
 * @param low the interval's lower bound
 * @param high the interval's upper bound
 */
public record Interval(double estimate, double low, double high) {
  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("interval [" + low + ", " + high + "] has low above high");
    }
  }

  public boolean contains(double v) {
    return v >= low && v <= high;
  }

  public double width() {
    return high - low;
  }
}
