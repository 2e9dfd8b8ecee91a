package io.troupe.train.dl4j;

/**
 * Annealed Gaussian gradient noise (Neelakantan et al. 2016, "Adding Gradient Noise Improves
 * Learning for Very Deep Networks"): {@code g_t += N(0, sigma_t^2)} with
 * {@code sigma_t^2 = eta / (1 + t)^gamma}, t the 0-based iteration. The paper uses
 * eta in {0.01, 0.3, 1.0} and gamma = 0.55. {@link GradientNoiseListener} applies it in DL4J.
 */
public final class GradientNoise {
  private GradientNoise() {}

  /**
   * The noise variance sigma_t^2 (squared gradient units) at 0-based {@code iteration}.
   *
   * @param eta the variance at iteration 0 (>= 0; 0 means no noise)
   * @param gamma the annealing exponent (>= 0)
   */
  public static double variance(double eta, double gamma, long iteration) {
    check(eta, gamma);
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
    }
    return eta / Math.pow(1.0 + iteration, gamma);
  }

  /** Throws IllegalArgumentException unless eta and gamma are finite and >= 0. */
  static void check(double eta, double gamma) {
    if (!(Double.isFinite(eta) && eta >= 0)) {
      throw new IllegalArgumentException("gradient noise eta must be finite and >= 0, got " + eta);
    }
    if (!(Double.isFinite(gamma) && gamma >= 0)) {
      throw new IllegalArgumentException(
          "gradient noise gamma must be finite and >= 0, got " + gamma);
    }
  }
}
