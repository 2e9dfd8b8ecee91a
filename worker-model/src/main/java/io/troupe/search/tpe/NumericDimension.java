package io.troupe.search.tpe;

import io.troupe.config.ParamDomain;
import io.troupe.search.Numbers;

/**
 * A uniform, log-uniform or int dimension. Its kernels live on [low, high] in model coordinates.
 * As in Optuna, an int domain [a, b] becomes [a - 0.5, b + 0.5] so its end values get a whole cell
 * each; a linear int is {@code discrete} (a value's probability is its kernel's mass over its cell),
 * a log int is modelled as continuous in log space and rounded when drawn.
 */
record NumericDimension(String path, ParamDomain domain, double low, double high, boolean discrete)
    implements Dimension {

  static NumericDimension of(String path, ParamDomain domain) {
    if (domain instanceof ParamDomain.Uniform u) {
      return new NumericDimension(path, domain, u.low(), u.high(), false);
    } else if (domain instanceof ParamDomain.LogUniform l) {
      requirePositive(path, l.low());
      return new NumericDimension(path, domain, Math.log(l.low()), Math.log(l.high()), false);
    }
    ParamDomain.IntRange r = (ParamDomain.IntRange) domain;
    if (r.log()) {
      requirePositive(path, r.low());
      return new NumericDimension(path, domain, Math.log(r.low() - 0.5), Math.log(r.high() + 0.5), false);
    }
    return new NumericDimension(path, domain, r.low() - 0.5, r.high() + 0.5, true);
  }

  @Override
  public boolean fixed() {
    if (domain instanceof ParamDomain.IntRange r) {
      return r.low() >= r.high();
    }
    return !(low < high);
  }

  @Override
  public double encode(Object value) {
    if (domain instanceof ParamDomain.IntRange r) {
      double v = Numbers.toLong(path, value);
      return r.log() ? Math.log(v) : v;
    }
    double v = Numbers.toDouble(path, value);
    return domain instanceof ParamDomain.LogUniform ? Math.log(v) : v;
  }

  @Override
  public Object decode(double x) {
    if (domain instanceof ParamDomain.Uniform u) {
      return clamp(x, u.low(), u.high());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      // exp(log(v)) can land an ulp outside the bounds
      return clamp(Math.exp(x), l.low(), l.high());
    }
    ParamDomain.IntRange r = (ParamDomain.IntRange) domain;
    // rint rounds halves to even, as numpy's round (Optuna) does
    long v = (long) Math.rint(r.log() ? Math.exp(x) : x);
    return Numbers.boxInt(Math.min(r.high(), Math.max(r.low(), v)));
  }

  /** {@code x} moved to the model coordinate of the value it decodes to (an int's, once rounded). */
  double snap(double x) {
    return encode(decode(x));
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  private static void requirePositive(String path, double low) {
    if (!(low > 0)) {
      throw new IllegalArgumentException(path + ": log-space sampling needs a lower bound > 0, got " + low);
    }
  }
}
