package io.troupe.eval;

/**
 * McNemar's exact test of two classifiers on the same examples: only the examples they disagree on
 * count, {@code firstOnly} right for the first model alone and {@code secondOnly} for the second.
 * With no difference in accuracy each such example is a fair coin, so the two-sided p-value is
 * twice the binomial(firstOnly + secondOnly, 1/2) tail at the smaller count, capped at 1. Exact
 * at every count (no chi-squared approximation to go wrong when few examples disagree).
 */
public record McNemar(int firstOnly, int secondOnly, double p) {

  /** The test on each example's correctness under both models. */
  public static McNemar of(boolean[] firstCorrect, boolean[] secondCorrect) {
    if (firstCorrect.length != secondCorrect.length) {
      throw new IllegalArgumentException("McNemar needs both models on the same examples, got " + firstCorrect.length
          + " and " + secondCorrect.length);
    }
    int firstOnly = 0;
    int secondOnly = 0;
    for (int i = 0; i < firstCorrect.length; i++) {
      if (firstCorrect[i] && !secondCorrect[i]) {
        firstOnly++;
      } else if (secondCorrect[i] && !firstCorrect[i]) {
        secondOnly++;
      }
    }
    return new McNemar(firstOnly, secondOnly, exactP(firstOnly, secondOnly));
  }

  /** Two-sided exact p-value for discordant counts b and c. */
  static double exactP(int b, int c) {
    int n = b + c;
    if (n == 0) {
      return 1;
    }
    // Sum of C(n, k) / 2^n for k <= min(b, c), each term in log space: 2^n underflows past n ~ 1000.
    double logHalfN = n * Math.log(0.5);
    double logChoose = 0;
    double tail = 0;
    for (int k = 0; k <= Math.min(b, c); k++) {
      tail += Math.exp(logChoose + logHalfN);
      logChoose += Math.log(n - k) - Math.log(k + 1);
    }
    return Math.min(1, 2 * tail);
  }
}
