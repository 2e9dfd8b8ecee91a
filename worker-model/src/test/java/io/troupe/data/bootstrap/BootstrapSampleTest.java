package io.troupe.data.bootstrap;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapSampleTest {
  @Test
  void sameSeedSameSampleOtherSeedOtherSample() {
    assertEquals(BootstrapSample.draw(1000, 1.0, 42), BootstrapSample.draw(1000, 1.0, 42));
    assertNotEquals(BootstrapSample.draw(1000, 1.0, 42), BootstrapSample.draw(1000, 1.0, 43));
  }

  @Test
  void drawsAreSuccessiveJavaUtilRandomNextInt() {
    // The specified algorithm: index i is the i-th new Random(seed).nextInt(n).
    int[] drawn = BootstrapSample.draw(50, 1.0, 7).indices();
    Random reference = new Random(7);
    for (int index : drawn) {
      assertEquals(reference.nextInt(50), index);
    }
  }

  @Test
  void outOfBagIsSortedDisjointAndCompletesTheRange() {
    int n = 500;
    BootstrapSample s = BootstrapSample.draw(n, 1.0, 3);
    boolean[] seen = new boolean[n];
    for (int i : s.indices()) {
      assertTrue(i >= 0 && i < n);
      seen[i] = true;
    }
    int previous = -1;
    for (int i : s.outOfBag()) {
      assertTrue(i > previous, "ascending");
      assertFalse(seen[i], "out-of-bag index " + i + " was drawn");
      seen[i] = true;
      previous = i;
    }
    for (int i = 0; i < n; i++) {
      assertTrue(seen[i], "index " + i + " is neither drawn nor out of bag");
    }
  }

  @Test
  void outOfBagFractionIsAboutOneOverE() {
    // P(never drawn in n draws) = (1 - 1/n)^n -> e^-1 = 0.3679; sd at n = 1e5 is ~0.0015.
    int n = 100_000;
    double oob = (double) BootstrapSample.draw(n, 1.0, 2024).outOfBag().length / n;
    assertEquals(Math.exp(-1), oob, 0.005);
  }

  @Test
  void sizeIsRoundedFractionOfN() {
    assertEquals(10, BootstrapSample.draw(10, 1.0, 1).size());
    assertEquals(5, BootstrapSample.draw(10, 0.5, 1).size());
    assertEquals(20, BootstrapSample.draw(10, 2.0, 1).size());
    assertEquals(2, BootstrapSample.draw(3, 0.5, 1).size()); // round(1.5) = 2
    BootstrapSample one = BootstrapSample.draw(1, 1.0, 9);
    assertArrayEquals(new int[] {0}, one.indices());
    assertArrayEquals(new int[0], one.outOfBag());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, 2.01, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsFractionOutsideZeroToTwoNamingTheConfigPath(double fraction) {
    assertContains(assertThrows(InvalidInputException.class,
        () -> BootstrapSample.draw(10, fraction, 1)),
        "ensemble.bootstrapFraction", String.valueOf(fraction), "(0, 2]");
  }

  @Test
  void rejectsEmptyDataAndEmptySamples() {
    assertContains(assertThrows(InvalidInputException.class,
        () -> BootstrapSample.draw(0, 1.0, 1)), "at least one", "0");
    // 0.1 x 4 = 0.4 rounds to 0 indices.
    assertContains(assertThrows(InvalidInputException.class,
        () -> BootstrapSample.draw(4, 0.1, 1)), "ensemble.bootstrapFraction", "empty");
  }

  @Test
  void recordCopiesArraysInAndOut() {
    int[] drawn = {2, 2, 0};
    int[] oob = {1};
    BootstrapSample s = new BootstrapSample(drawn, oob);
    drawn[0] = 9;
    s.indices()[1] = 9;
    s.outOfBag()[0] = 9;
    assertArrayEquals(new int[] {2, 2, 0}, s.indices());
    assertArrayEquals(new int[] {1}, s.outOfBag());
  }

  @Test
  void recordRejectsOverlapAndDisorder() {
    assertThrows(IllegalArgumentException.class,
        () -> new BootstrapSample(new int[] {0, 1}, new int[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> new BootstrapSample(new int[] {0}, new int[] {3, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> new BootstrapSample(new int[] {-1}, new int[0]));
  }
}
