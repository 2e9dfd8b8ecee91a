package io.troupe.search.tpe;

/**
 * The error function and its complement to double precision: FreeBSD's s_erf.c (Sun's fdlibm),
 * which Optuna's TPE also uses (its _erf.py, and Python's math.erf/erfc). The JDK has neither.
 * erfc is computed directly, not as 1 - erf, so the far tails (where TPE's densities live once
 * kernels are narrow) keep their relative precision.
 */
final class Erf {
  private static final double TINY = 1e-300;
  private static final double ERX = 8.45062911510467529297e-01;
  private static final double EFX = 1.28379167095512586316e-01;
  // |x| < 0.84375: erf(x) = x + x * R(x^2) / S(x^2)
  private static final double PP0 = 1.28379167095512558561e-01;
  private static final double PP1 = -3.25042107247001499370e-01;
  private static final double PP2 = -2.84817495755985104766e-02;
  private static final double PP3 = -5.77027029648944159157e-03;
  private static final double PP4 = -2.37630166566501626084e-05;
  private static final double QQ1 = 3.97917223959155352819e-01;
  private static final double QQ2 = 6.50222499887672944485e-02;
  private static final double QQ3 = 5.08130628187576562776e-03;
  private static final double QQ4 = 1.32494738004321644526e-04;
  private static final double QQ5 = -3.96022827877536812320e-06;
  // 0.84375 <= |x| < 1.25: erf(x) = erx + P(|x| - 1) / Q(|x| - 1)
  private static final double PA0 = -2.36211856075265944077e-03;
  private static final double PA1 = 4.14856118683748331666e-01;
  private static final double PA2 = -3.72207876035701323847e-01;
  private static final double PA3 = 3.18346619901161753674e-01;
  private static final double PA4 = -1.10894694282396677476e-01;
  private static final double PA5 = 3.54783043256182359371e-02;
  private static final double PA6 = -2.16637559486879084300e-03;
  private static final double QA1 = 1.06420880400844228286e-01;
  private static final double QA2 = 5.40397917702171048937e-01;
  private static final double QA3 = 7.18286544141962662868e-02;
  private static final double QA4 = 1.26171219808761642112e-01;
  private static final double QA5 = 1.36370839120290507362e-02;
  private static final double QA6 = 1.19844998467991074170e-02;
  // 1.25 <= |x| < 1/0.35: erfc(x) = exp(-x^2 - 0.5625 + R(1/x^2) / S(1/x^2)) / x
  private static final double RA0 = -9.86494403484714822705e-03;
  private static final double RA1 = -6.93858572707181764372e-01;
  private static final double RA2 = -1.05586262253232909814e01;
  private static final double RA3 = -6.23753324503260060396e01;
  private static final double RA4 = -1.62396669462573470355e02;
  private static final double RA5 = -1.84605092906711035994e02;
  private static final double RA6 = -8.12874355063065934246e01;
  private static final double RA7 = -9.81432934416914548592e00;
  private static final double SA1 = 1.96512716674392571292e01;
  private static final double SA2 = 1.37657754143519042600e02;
  private static final double SA3 = 4.34565877475229228821e02;
  private static final double SA4 = 6.45387271733267880336e02;
  private static final double SA5 = 4.29008140027567833386e02;
  private static final double SA6 = 1.08635005541779435134e02;
  private static final double SA7 = 6.57024977031928170135e00;
  private static final double SA8 = -6.04244152148580987438e-02;
  // 1/0.35 <= |x| < 28: the same form with other coefficients
  private static final double RB0 = -9.86494292470009928597e-03;
  private static final double RB1 = -7.99283237680523006574e-01;
  private static final double RB2 = -1.77579549177547519889e01;
  private static final double RB3 = -1.60636384855821916062e02;
  private static final double RB4 = -6.37566443368389627722e02;
  private static final double RB5 = -1.02509513161107724954e03;
  private static final double RB6 = -4.83519191608651397019e02;
  private static final double SB1 = 3.03380607434824582924e01;
  private static final double SB2 = 3.25792512996573918826e02;
  private static final double SB3 = 1.53672958608443695994e03;
  private static final double SB4 = 3.19985821950859553908e03;
  private static final double SB5 = 2.55305040643316442583e03;
  private static final double SB6 = 4.74528541206955367215e02;
  private static final double SB7 = -2.24409524465858183362e01;

  private Erf() {}

  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    if (a < 0.84375) {
      if (a < 0x1p-28) {
        return x + EFX * x;
      }
      return x + x * small(x * x);
    }
    if (a < 1.25) {
      double pq = nearOne(a - 1);
      return x >= 0 ? ERX + pq : -ERX - pq;
    }
    if (a >= 6) {
      return x >= 0 ? 1 - TINY : TINY - 1;
    }
    double tail = tail(a);
    return x >= 0 ? 1 - tail : tail - 1;
  }

  static double erfc(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    if (a < 0.84375) {
      if (a < 0x1p-56) {
        return 1 - x;
      }
      double y = small(x * x);
      if (x < 0.25) {
        return 1 - (x + x * y);
      }
      return 0.5 - (x * y + (x - 0.5));
    }
    if (a < 1.25) {
      double pq = nearOne(a - 1);
      return x >= 0 ? (1 - ERX) - pq : 1 + (ERX + pq);
    }
    if (a < 28) {
      if (x < -6) {
        return 2 - TINY;
      }
      double tail = tail(a);
      return x > 0 ? tail : 2 - tail;
    }
    return x > 0 ? TINY * TINY : 2 - TINY;
  }

  /** R(z) / S(z) for |x| < 0.84375, z = x^2. */
  private static double small(double z) {
    double r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
    double s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
    return r / s;
  }

  /** P(s) / Q(s) for 0.84375 <= |x| < 1.25, s = |x| - 1. */
  private static double nearOne(double s) {
    double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    return p / q;
  }

  /** erfc(a) for 1.25 <= a < 28. */
  private static double tail(double a) {
    double s = 1 / (a * a);
    double r;
    double q;
    if (a < 1 / 0.35) {
      r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
      q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
    } else {
      r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
      q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
    }
    // a split as z + (a - z), z with its low 32 bits cleared, so z * z is exact: exp(-a^2) to full precision.
    double z = Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0xffffffff00000000L);
    return Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + r / q) / a;
  }
}
