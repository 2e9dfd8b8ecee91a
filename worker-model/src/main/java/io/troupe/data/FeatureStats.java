package io.troupe.data;

/** Per-feature statistics over a dataset's raw features, accumulated in double precision. */
final class FeatureStats {
  private FeatureStats() {}

  static double[] mean(Dataset data) {
    int d = data.numFeatures();
    double[] sum = new double[d];
    float[] row = new float[d];
    for (int r = 0; r < data.size(); r++) {
      data.copyRawFeatures(r, row, 0);
      for (int j = 0; j < d; j++) {
        sum[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      sum[j] /= data.size();
    }
    return sum;
  }

  /**
   * Population standard deviation given the means. Two passes rather than sum of squares, which
   * cancels catastrophically when the mean is large compared to the spread.
   */
  static double[] std(Dataset data, double[] mean) {
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
    for (int j = 0; j < d; j++) {
      sq[j] = Math.sqrt(sq[j] / data.size());
    }
    return sq;
  }
}
