package io.troupe.search.tpe;

import java.util.Arrays;
import java.util.Random;

/**
 * Categorical kernels, as Optuna's: observation k puts 1 on its value plus priorWeight / (n + 1) on
 * every value, normalised; the prior component is uniform.
 */
final class ChoiceKernels implements Kernels {
  /** probabilities[k][v]: component k's probability of value v. */
  private final double[][] probabilities;

  private ChoiceKernels(double[][] probabilities) {
    this.probabilities = probabilities;
  }

  /** Kernels at {@code values} (choice indices) plus the uniform prior. */
  static ChoiceKernels fit(ChoiceDimension dim, double[] values, double priorWeight) {
    int n = values.length;
    double smoothing = priorWeight / (n + 1);
    double[][] p = new double[n + 1][dim.size()];
    for (int k = 0; k <= n; k++) {
      Arrays.fill(p[k], smoothing);
      if (k < n) {
        p[k][(int) values[k]] += 1;
      }
      double total = smoothing * dim.size() + (k < n ? 1 : 0);
      for (int v = 0; v < dim.size(); v++) {
        p[k][v] /= total;
      }
    }
    return new ChoiceKernels(p);
  }

  @Override
  public double logPdf(int k, double x) {
    return Math.log(probabilities[k][(int) x]);
  }

  @Override
  public double sample(int k, Random rng) {
    double u = rng.nextDouble();
    double[] p = probabilities[k];
    double cumulative = 0;
    for (int v = 0; v < p.length - 1; v++) {
      cumulative += p[v];
      if (u < cumulative) {
        return v;
      }
    }
    return p.length - 1;
  }
}
