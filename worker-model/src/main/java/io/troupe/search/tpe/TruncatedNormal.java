package io.troupe.search.tpe;

/**
 * The standard normal truncated to [a, b], in log space so narrow kernels far from an observation
 * neither underflow nor cancel. The same algorithms as Optuna's _truncnorm.py (taken from SciPy):
 * the mass is computed in whichever tail is accurate, and the quantile inverts log Phi by bisection.
 */
final class TruncatedNormal {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final int BISECTIONS = 100;

  private TruncatedNormal() {}

  /** log of the standard normal's probability mass in [a, b], a <= b. */
  static double logMass(double a, double b) {
    if (b <= 0) {
      return logDiff(logPhi(b), logPhi(a));
    } else if (a > 0) {
      return logDiff(logPhi(-a), logPhi(-b));
    }
    // Straddling 0: 1 minus both tails, which avoids cancellation as the mass nears 1.
    return Math.log1p(-phi(a) - phi(-b));
  }

  /** log density of the standard normal at z (a truncated kernel subtracts its log mass). */
  static double logStandardPdf(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** The q-quantile, 0 <= q <= 1, of the standard normal truncated to [a, b]. */
  static double quantile(double q, double a, double b) {
    if (q == 0) {
      return a;
    } else if (q == 1) {
      return b;
    }
    double mass = logMass(a, b);
    // Work from whichever end lies in a left tail, where log Phi is accurate.
    if (a < 0) {
      return inverseLogPhi(logSum(logPhi(a), Math.log(q) + mass));
    }
    return -inverseLogPhi(logSum(logPhi(-b), Math.log1p(-q) + mass));
  }

  /** The standard normal's CDF. */
  static double phi(double x) {
    double z = x * SQRT_HALF;
    if (z < -SQRT_HALF) {
      return 0.5 * Erf.erfc(-z);
    } else if (z < SQRT_HALF) {
      return 0.5 + 0.5 * Erf.erf(z);
    }
    return 1 - 0.5 * Erf.erfc(z);
  }

  /** log Phi(x), accurate in the far left tail (asymptotic series below -20). */
  static double logPhi(double x) {
    if (x > 6) {
      return -phi(-x); // log(1 - e) ~ -e
    } else if (x > -20) {
      return Math.log(phi(x));
    }
    double logLeading = -0.5 * x * x - Math.log(-x) - LOG_SQRT_2PI;
    double previous = 0;
    double series = 1;
    double numerator = 1;
    double denominator = 1;
    double step = 1 / (x * x);
    int sign = 1;
    for (int i = 1; Math.abs(previous - series) > Math.ulp(1.0); i++) {
      previous = series;
      sign = -sign;
      denominator *= step;
      numerator *= 2 * i - 1;
      series += sign * numerator * denominator;
    }
    return logLeading + Math.log(series);
  }

  /** x with log Phi(x) = y, by bisection on [-100, 100] (log Phi is increasing). */
  private static double inverseLogPhi(double y) {
    double lo = -100;
    double hi = 100;
    double mid = 0;
    for (int i = 0; i < BISECTIONS; i++) {
      mid = 0.5 * (lo + hi);
      if (logPhi(mid) < y) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return mid;
  }

  /** log(e^p - e^q) for p >= q. */
  private static double logDiff(double p, double q) {
    return p + Math.log1p(-Math.exp(q - p));
  }

  /** log(e^p + e^q). */
  private static double logSum(double p, double q) {
    double max = Math.max(p, q);
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    return max + Math.log1p(Math.exp(Math.min(p, q) - max));
  }
}
