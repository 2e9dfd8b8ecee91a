package io.troupe.preflight;

/** One preflight check: its name, its verdict, and the numbers behind the verdict. */
public record CheckOutcome(String name, Verdict verdict, String detail) {
  /**
   * FAIL: the config is not fit to train as it stands (the check command exits 1). WARN: advice;
   * the config trains, and the detail says what would do better.
   */
  public enum Verdict {
    PASS, WARN, FAIL;

    /** PASS up to {@code passUpTo}, WARN up to {@code failAbove}, FAIL beyond (and on NaN). */
    static Verdict of(double value, double passUpTo, double failAbove) {
      return value <= passUpTo ? PASS : value <= failAbove ? WARN : FAIL;
    }
  }

  static CheckOutcome passOrFail(String name, boolean passed, String detail) {
    return new CheckOutcome(name, passed ? Verdict.PASS : Verdict.FAIL, detail);
  }

  public boolean failed() {
    return verdict == Verdict.FAIL;
  }

  @Override
  public String toString() {
    return verdict + " " + name + ": " + detail;
  }
}
