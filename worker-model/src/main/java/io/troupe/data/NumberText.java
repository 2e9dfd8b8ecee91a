package io.troupe.data;

import java.util.regex.Pattern;

/**
 * Strict decimal number syntax for data files. Float.parseFloat alone would also accept "NaN",
 * "Infinity", "1f" and hex floats, which in a data file are almost always a mistake.
 */
final class NumberText {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private NumberText() {}

  /** True if {@code text} (already trimmed) is a plain decimal number like "-1.5e3". */
  static boolean isNumber(String text) {
    return DECIMAL.matcher(text).matches();
  }

  /** The value of a trimmed cell, or NaN if it is not a finite decimal float (see whyNot). */
  static float parse(String text) {
    if (!isNumber(text)) {
      return Float.NaN;
    }
    float v = Float.parseFloat(text);
    return Float.isFinite(v) ? v : Float.NaN;
  }

  /** Why {@link #parse} rejected {@code text}, for the error message. */
  static String whyNot(String text) {
    if (text.isEmpty()) {
      return "empty, expected a number";
    }
    return isNumber(text) ? "out of range for a 32-bit float: \"" + text + "\""
        : "not a number: \"" + text + "\"";
  }
}
