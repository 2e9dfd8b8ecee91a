package io.troupe.search.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianRatioTest {
  private static double[] lognormal(long seed, int n, double scale) {
    Random rng = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * Math.exp(rng.nextGaussian());
    }
    return v;
  }

  @Test
  void theIntervalHoldsTheRatioAndWidensWithFewerRuns() {
    double[] a = lognormal(1, 50, 2);
    double[] b = lognormal(2, 50, 1);
    MedianRatio r = MedianRatio.of(a, b, 0.9);
    assertEquals(Quartiles.of(a).median() / Quartiles.of(b).median(), r.ratio(), 1e-15);
    assertTrue(r.low() < r.ratio() && r.ratio() < r.high(), r.toString());
    MedianRatio few = MedianRatio.of(lognormal(1, 10, 2), lognormal(2, 10, 1), 0.9);
    assertTrue(few.high() - few.low() > r.high() - r.low(), few + " vs " + r);
    assertEquals(r, MedianRatio.of(a, b, 0.9));
  }
}
