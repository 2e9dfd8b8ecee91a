package io.troupe.config.binding;

/** Renders a field's bounds for messages and docs: "> 0", ">= 1", "in [0, 1)". */
public final class RangeText {
  private RangeText() {}

  public static String of(Min min, Max max) {
    if (min != null && max != null) {
      return "in " + (min.exclusive() ? "(" : "[") + number(min.value()) + ", "
          + number(max.value()) + (max.exclusive() ? ")" : "]");
    }
    if (min != null) {
      return (min.exclusive() ? "> " : ">= ") + number(min.value());
    }
    if (max != null) {
      return (max.exclusive() ? "< " : "<= ") + number(max.value());
    }
    return "";
  }

  public static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
