package io.troupe.search.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * The ratio of two samples' medians with a percentile-bootstrap interval: each side's runs
 * resampled with replacement, apart, {@link #RESAMPLES} times. It says how far from 1 a ratio of
 * medians over a few dozen seeds falls by chance alone, so a ratio is read against its spread.
 * The resampling is seeded: the same inputs give the same interval.
 */
public record MedianRatio(double ratio, double low, double high) {
  static final int RESAMPLES = 2000;

  /** median(a) / median(b), and the central {@code level} (e.g. 0.9) interval of its bootstrap. */
  public static MedianRatio of(double[] a, double[] b, double level) {
    Random rng = new Random(1);
    double[] ratios = new double[RESAMPLES];
    for (int i = 0; i < RESAMPLES; i++) {
      ratios[i] = median(resample(a, rng)) / median(resample(b, rng));
    }
    Arrays.sort(ratios);
    double tail = (1 - level) / 2;
    return new MedianRatio(median(a) / median(b), Quartiles.quantile(ratios, tail), Quartiles.quantile(ratios, 1 - tail));
  }

  private static double[] resample(double[] values, Random rng) {
    double[] r = new double[values.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = values[rng.nextInt(values.length)];
    }
    return r;
  }

  private static double median(double[] values) {
    return Quartiles.of(values).median();
  }
}
