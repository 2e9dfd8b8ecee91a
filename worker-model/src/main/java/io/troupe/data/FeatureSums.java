package io.troupe.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature sums, minima and maxima of raw features, in double precision: what scaling is fitted
 * from. Pieces of one training part (partitions on several executors) each take their own and
 * add them up with {@link #plus}.
 */
public final class FeatureSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long rows;
  private final double[] sum;
  private final float[] min;
  private final float[] max;

  private FeatureSums(long rows, double[] sum, float[] min, float[] max) {
    this.rows = rows;
    this.sum = sum;
    this.min = min;
    this.max = max;
  }

  public static FeatureSums of(Dataset data) {
    int d = data.numFeatures();
    double[] sum = new double[d];
    float[] min = new float[d];
    float[] max = new float[d];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    float[] row = new float[d];
    for (int r = 0; r < data.size(); r++) {
      data.copyRawFeatures(r, row, 0);
      for (int j = 0; j < d; j++) {
        sum[j] += row[j];
        min[j] = Math.min(min[j], row[j]);
        max[j] = Math.max(max[j], row[j]);
      }
    }
    return new FeatureSums(data.size(), sum, min, max);
  }

  /** Both pieces' figures as one. */
  public FeatureSums plus(FeatureSums other) {
    if (other.sum.length != sum.length) {
      throw new IllegalArgumentException(other.sum.length + " features against " + sum.length);
    }
    double[] s = new double[sum.length];
    float[] lo = new float[sum.length];
    float[] hi = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      s[j] = sum[j] + other.sum[j];
      lo[j] = Math.min(min[j], other.min[j]);
      hi[j] = Math.max(max[j], other.max[j]);
    }
    return new FeatureSums(rows + other.rows, s, lo, hi);
  }

  /** Sum over {@code data}'s rows of (x - mean)^2 per feature: the second pass of a standard deviation. */
  public static double[] squaredDeviations(Dataset data, double[] mean) {
    int d = data.numFeatures();
    double[] sq = new double[d];
    float[] row = new float[d];
    for (int r = 0; r < data.size(); r++) {
      data.copyRawFeatures(r, row, 0);
      for (int j = 0; j < d; j++) {
        double dev = row[j] - mean[j];
        sq[j] += dev * dev;
      }
    }
    return sq;
  }

  public long rows() {
    return rows;
  }

  public int features() {
    return sum.length;
  }

  public double[] mean() {
    double[] mean = new double[sum.length];
    for (int j = 0; j < sum.length; j++) {
      mean[j] = sum[j] / rows;
    }
    return mean;
  }

  float[] min() {
    return min;
  }

  float[] max() {
    return max;
  }
}
