package io.troupe.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap over examples: draw the n examples n times with replacement, take the
 * mean, repeat; the 2.5th and 97.5th percentiles of those means bound a 95% interval. Every figure
 * the comparison reports (accuracy, NLL, MSE) is a mean of per-example values, so this one method
 * covers them all. Seeded: the same values give the same interval on every run and machine.
 */
public final class Bootstrap {
  /** Enough for stable 2.5% tails (50 resamples beyond each bound) at a few ms per 10,000 examples. */
  public static final int RESAMPLES = 2000;
  /** Fixed so a rerun reproduces a stored table; any value would do. */
  public static final long SEED = 20_150_004L;
  static final double LEVEL = 0.95;

  private final int resamples;
  private final long seed;

  public Bootstrap(int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /** {@link #RESAMPLES} resamples from {@link #SEED}: what the comparison tables use. */
  public static Bootstrap standard() {
    return new Bootstrap(RESAMPLES, SEED);
  }

  /** The mean of {@code values} with its 95% percentile interval. */
  public Interval mean(double[] values) {
    double[] means = resampledMeans(values);
    Arrays.sort(means);
    return interval(average(values), means);
  }

  /**
   * The paired difference mean(first) - mean(second), resampling examples (both models' values of
   * an example move together, so what they share cancels). The p-value is the share of resampled
   * differences, recentred on zero (the null hypothesis), at least as far from zero as the one
   * observed; (1 + count) / (1 + resamples), never 0.
   */
  public PairedDifference paired(double[] first, double[] second) {
    if (first.length != second.length) {
      throw new IllegalArgumentException("paired values need one per example on both sides, got " + first.length
          + " and " + second.length);
    }
    double[] d = new double[first.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = first[i] - second[i];
    }
    double observed = average(d);
    double[] means = resampledMeans(d);
    int asFar = 0;
    for (double m : means) {
      // Recentred: m - observed is a draw of the difference under "no difference".
      asFar += Math.abs(m - observed) >= Math.abs(observed) ? 1 : 0;
    }
    Arrays.sort(means);
    return new PairedDifference(interval(observed, means), (1.0 + asFar) / (1.0 + resamples));
  }

  private double[] resampledMeans(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no examples: a bootstrap needs at least one value");
    }
    int n = values.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    return means;
  }

  /** The estimate with the percentiles of the sorted resampled means as bounds. */
  private static Interval interval(double estimate, double[] sorted) {
    double tail = (1 - LEVEL) / 2;
    return new Interval(estimate, quantile(sorted, tail), quantile(sorted, 1 - tail));
  }

  /** Linear interpolation between order statistics (R's type 7, numpy's default). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }

  private static double average(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
