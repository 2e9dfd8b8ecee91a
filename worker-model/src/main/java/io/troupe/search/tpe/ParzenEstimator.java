package io.troupe.search.tpe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A weighted mixture over the dimensions given: component k is observation k's kernels in every
 * dimension (a product), the last component is the prior. Over several dimensions this is
 * multivariate TPE's joint density (Falkner et al. 2018, Optuna's multivariate=True); over one it
 * is the independent TPE's.
 */
final class ParzenEstimator {
  /** Multivariate bandwidth: this fraction of the range times n^(-1/(d+4)) (Scott's rule, as Optuna and BOHB). */
  private static final double SIGMA0_MAGNITUDE = 0.2;

  private final List<Kernels> kernels;
  private final double[] weights;
  private final double[] logWeights;

  private ParzenEstimator(List<Kernels> kernels, double[] weights) {
    this.kernels = kernels;
    this.weights = weights;
    this.logWeights = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      logWeights[k] = Math.log(weights[k]);
    }
  }

  /**
   * The estimator of {@code points} (each in model coordinates, one value per dimension) with
   * {@code pointWeights}, plus the prior with weight {@code priorWeight}. {@code multivariate} picks
   * the bandwidth rule for numeric dimensions (Scott's rule, else the neighbour rule).
   */
  static ParzenEstimator fit(List<Dimension> dims, double[][] points, double[] pointWeights,
      boolean multivariate, double priorWeight) {
    int n = points.length;
    double sigma0 = multivariate
        ? SIGMA0_MAGNITUDE * Math.pow(Math.max(n, 1), -1.0 / (dims.size() + 4)) : Double.NaN;
    List<Kernels> kernels = new ArrayList<>(dims.size());
    for (int j = 0; j < dims.size(); j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = points[i][j];
      }
      kernels.add(dims.get(j) instanceof ChoiceDimension c
          ? ChoiceKernels.fit(c, column, priorWeight)
          : NumericKernels.fit((NumericDimension) dims.get(j), column, sigma0));
    }
    double[] weights = new double[n + 1];
    double total = priorWeight;
    for (int i = 0; i < n; i++) {
      weights[i] = pointWeights[i];
      total += pointWeights[i];
    }
    weights[n] = priorWeight;
    for (int k = 0; k <= n; k++) {
      weights[k] /= total;
    }
    return new ParzenEstimator(kernels, weights);
  }

  /** {@code size} draws: a component by weight for each, then each dimension from that component. */
  double[][] sample(Random rng, int size) {
    int[] active = new int[size];
    for (int s = 0; s < size; s++) {
      active[s] = component(rng.nextDouble());
    }
    double[][] draws = new double[size][kernels.size()];
    for (int j = 0; j < kernels.size(); j++) {
      for (int s = 0; s < size; s++) {
        draws[s][j] = kernels.get(j).sample(active[s], rng);
      }
    }
    return draws;
  }

  /** log of the mixture's score at {@code x}: the weighted sum of its kernels' scores. */
  double logPdf(double[] x) {
    double[] terms = logWeights.clone();
    for (int j = 0; j < kernels.size(); j++) {
      Kernels kj = kernels.get(j);
      for (int k = 0; k < terms.length; k++) {
        terms[k] += kj.logPdf(k, x[j]);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }

  private int component(double u) {
    double cumulative = 0;
    for (int k = 0; k < weights.length - 1; k++) {
      cumulative += weights[k];
      if (u < cumulative) {
        return k;
      }
    }
    return weights.length - 1;
  }
}
