package io.troupe.preflight;

/** One preflight check: its name, whether it passed, and the numbers behind the verdict. */
public record CheckOutcome(String name, boolean passed, String detail) {
  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
  }
}
