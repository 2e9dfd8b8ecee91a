package io.troupe.search;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number conversions and formatting shared by the samplers, the narrowing and the messages. */
public final class Numbers {
  /** Grid values keep 12 significant digits, so 0.025 * 10 prints as 0.25, not 0.25000000000000006. */
  private static final MathContext GRID_DIGITS = new MathContext(12);
  /** Messages show 3 significant digits: enough to tell bounds apart, short enough to read. */
  private static final MathContext TEXT_DIGITS = new MathContext(3);

  private Numbers() {}

  /** {@code v} rounded to 12 significant digits; non-finite values unchanged. */
  static double round12(double v) {
    return Double.isFinite(v) ? new BigDecimal(v).round(GRID_DIGITS).doubleValue() : v;
  }

  /** An int dimension's value as config int fields want it: Integer when it fits, else Long. */
  public static Object boxInt(long v) {
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
  }

  /** A trial's value for a numeric dimension, or an IllegalArgumentException naming the path. */
  public static double toDouble(String path, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(path + ": expected a number, got " + value);
  }

  /** A trial's value for an int dimension; a Double is accepted only if it is a whole number. */
  public static long toLong(String path, Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    double d = toDouble(path, value);
    if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
      throw new IllegalArgumentException(path + ": expected an integer, got " + value);
    }
    return (long) d;
  }

  /**
   * {@code v} for humans, like printf's %g with 3 significant digits and trailing zeros dropped:
   * 0.000201, 0.25, 27, 1e-05, 2.5e+07. Plain notation for 1e-4 <= |v| < 1e6.
   */
  static String text(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(TEXT_DIGITS).stripTrailingZeros();
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      return rounded.toPlainString();
    }
    String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }
}
