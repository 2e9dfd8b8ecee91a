package io.troupe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BootstrapTest {
  private final Bootstrap bootstrap = Bootstrap.standard();

  /** n examples of which the first {@code correct} are 1, the rest 0: an accuracy of correct / n. */
  private static double[] correctness(int n, int correct) {
    double[] v = new double[n];
    Arrays.fill(v, 0, correct, 1);
    return v;
  }

  @Test
  void constantValuesHaveAnIntervalOfZeroWidth() {
    double[] v = new double[50];
    Arrays.fill(v, 0.25);
    Interval i = bootstrap.mean(v);
    assertEquals(new Interval(0.25, 0.25, 0.25), i);
  }

  @Test
  void theIntervalHoldsTheEstimateAndNarrowsAsTheTestSetGrows() {
    Interval small = bootstrap.mean(correctness(100, 80));
    Interval large = bootstrap.mean(correctness(10_000, 8_000));
    assertEquals(0.8, small.estimate(), 1e-12);
    assertEquals(0.8, large.estimate(), 1e-12);
    assertTrue(small.contains(0.8) && large.contains(0.8), small + " " + large);
    assertTrue(large.width() < small.width() / 5, "100x the examples: about a tenth of the width; " + small + " " + large);
    // The normal approximation's 95% width, 2 x 1.96 x sqrt(p(1-p)/n) = 0.01568 at n = 10,000.
    assertEquals(2 * 1.96 * Math.sqrt(0.8 * 0.2 / 10_000), large.width(), 0.0015);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    double[] v = correctness(300, 123);
    assertEquals(bootstrap.mean(v), Bootstrap.standard().mean(v));
  }

  @Test
  void pairedIdenticalModelsAreNoise() {
    double[] v = correctness(200, 150);
    PairedDifference d = bootstrap.paired(v, v.clone());
    assertEquals(1.0, d.p());
    assertEquals(new Interval(0, 0, 0), d.difference());
  }

  @Test
  void pairedClearlyBetterModelIsADifference() {
    // The first model loses 0.5 nats less on 60 of 200 examples and the same elsewhere.
    double[] first = new double[200];
    double[] second = new double[200];
    Arrays.fill(first, 0.3);
    Arrays.fill(second, 0.3);
    Arrays.fill(second, 0, 60, 0.8);
    PairedDifference d = bootstrap.paired(first, second);
    assertEquals(-0.15, d.difference().estimate(), 1e-12);
    assertTrue(d.p() < 0.05, "p = " + d.p());
    assertTrue(d.difference().high() < 0, "the interval excludes 0: " + d.difference());
  }

  @Test
  void aConstantNonZeroDifferenceHasTheSmallestPValueTheResamplesResolve() {
    double[] first = new double[40];
    double[] second = new double[40];
    Arrays.fill(first, 1.0);
    Arrays.fill(second, 0.9);
    assertEquals(1.0 / (Bootstrap.RESAMPLES + 1), bootstrap.paired(first, second).p(), 1e-15);
  }

  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4};
    assertEquals(2.5, Bootstrap.quantile(sorted, 0.5));
    assertEquals(1, Bootstrap.quantile(sorted, 0));
    assertEquals(4, Bootstrap.quantile(sorted, 1));
    assertEquals(1.075, Bootstrap.quantile(sorted, 0.025), 1e-12);
  }
}
