package io.troupe.search.tpe;

import java.util.Arrays;
import java.util.Random;

/**
 * Gaussian kernels truncated to the dimension's [low, high]: one at each observed value and the
 * prior, a Gaussian at the middle with sd high - low. Bandwidths follow Optuna's TPESampler.
 *
 * <p>A continuous kernel's score is Optuna 3.1's: exp(-z^2/2) / sqrt(2 pi) over its mass in the
 * domain, without the density's 1/sigma, so every kernel peaks at the same height whatever its
 * width and wide ones (the prior's above all) weigh more than in a normalised density. Optuna made
 * it a density in 3.5 (optuna#5109); 3.1's form is kept because on the benchmark its median regret
 * at 100 trials was lower (up to 1.9x) or level in every function and mode (docs/benchmarks.md,
 * "Search: TPE against Optuna").
 * Draws are unaffected: they pick kernels by weight. A linear int's score is its cell's mass, a
 * true probability, in both versions.
 */
final class NumericKernels implements Kernels {
  /** Magic clip: no kernel narrower than the range over min(this, components). */
  private static final double MAX_CLIP_DIVISOR = 100;

  private final NumericDimension dim;
  private final double[] mus;
  private final double[] sigmas;
  /** Per kernel: log of its mass inside [low, high]. */
  private final double[] logMasses;

  private NumericKernels(NumericDimension dim, double[] mus, double[] sigmas) {
    this.dim = dim;
    this.mus = mus;
    this.sigmas = sigmas;
    this.logMasses = new double[mus.length];
    for (int k = 0; k < mus.length; k++) {
      logMasses[k] = TruncatedNormal.logMass((dim.low() - mus[k]) / sigmas[k], (dim.high() - mus[k]) / sigmas[k]);
    }
  }

  /**
   * Kernels at {@code values} (model coordinates) plus the prior. {@code sigma0} is the multivariate
   * bandwidth as a fraction of the range; NaN for the univariate rule (distance to the farther
   * neighbour among the sorted values and the prior's mean, the range's ends counting as neighbours
   * only where a value has one neighbour, as Optuna's consider_endpoints=False).
   */
  static NumericKernels fit(NumericDimension dim, double[] values, double sigma0) {
    int n = values.length;
    double range = dim.high() - dim.low();
    double[] mus = Arrays.copyOf(values, n + 1);
    mus[n] = 0.5 * (dim.low() + dim.high());
    double[] sigmas = Double.isNaN(sigma0) ? neighbourBandwidths(mus, dim.low(), dim.high()) : filled(n + 1, sigma0 * range);
    double min = range / Math.min(MAX_CLIP_DIVISOR, 1.0 + mus.length);
    for (int k = 0; k < sigmas.length; k++) {
      sigmas[k] = Math.min(range, Math.max(min, sigmas[k]));
    }
    sigmas[n] = range;
    return new NumericKernels(dim, mus, sigmas);
  }

  /** Each mu's bandwidth: the larger gap to its sorted neighbours, with low and high as outer neighbours. */
  private static double[] neighbourBandwidths(double[] mus, double low, double high) {
    int m = mus.length;
    Integer[] order = new Integer[m];
    Arrays.setAll(order, i -> i);
    // Stable, as numpy's argsort of the values is for these purposes (ties get equal gaps).
    Arrays.sort(order, (i, j) -> Double.compare(mus[i], mus[j]));
    double[] padded = new double[m + 2];
    padded[0] = low;
    padded[m + 1] = high;
    for (int i = 0; i < m; i++) {
      padded[i + 1] = mus[order[i]];
    }
    double[] sorted = new double[m];
    for (int i = 0; i < m; i++) {
      sorted[i] = Math.max(padded[i + 1] - padded[i], padded[i + 2] - padded[i + 1]);
    }
    if (m >= 2) {
      // consider_endpoints=False: the outermost values look inward only.
      sorted[0] = padded[2] - padded[1];
      sorted[m - 1] = padded[m] - padded[m - 1];
    }
    double[] sigmas = new double[m];
    for (int i = 0; i < m; i++) {
      sigmas[order[i]] = sorted[i];
    }
    return sigmas;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Override
  public double logPdf(int k, double x) {
    if (dim.discrete()) {
      // A linear int's probability: the kernel's mass over the value's cell [x - 0.5, x + 0.5].
      double lo = (Math.max(x - 0.5, dim.low()) - mus[k]) / sigmas[k];
      double hi = (Math.min(x + 0.5, dim.high()) - mus[k]) / sigmas[k];
      return TruncatedNormal.logMass(lo, hi) - logMasses[k];
    }
    return TruncatedNormal.logStandardPdf((x - mus[k]) / sigmas[k]) - logMasses[k];
  }

  @Override
  public double sample(int k, Random rng) {
    double a = (dim.low() - mus[k]) / sigmas[k];
    double b = (dim.high() - mus[k]) / sigmas[k];
    double x = mus[k] + sigmas[k] * TruncatedNormal.quantile(rng.nextDouble(), a, b);
    return dim.snap(x);
  }
}
