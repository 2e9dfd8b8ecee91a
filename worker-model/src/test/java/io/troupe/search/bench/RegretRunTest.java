package io.troupe.search.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.search.RandomSampler;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegretRunTest {
  @Test
  void randomRegretIsTheBestOfRandomSearchesTrialsMinusTheMinimum() {
    TestFunction f = TestFunctions.branin();
    double[] regrets = RegretRun.run(SearchMethod.RANDOM, f, 7, new int[] {5, 20});
    double best5 = Double.POSITIVE_INFINITY;
    double best20 = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 20; i++) {
      double v = f.at(RandomSampler.sample(f.space(), 7, i));
      best20 = Math.min(best20, v);
      best5 = i < 5 ? best20 : best5;
    }
    assertArrayEquals(new double[] {best5 - f.minimum(), best20 - f.minimum()}, regrets, 1e-12);
  }

  @Test
  void withNoiseTheRecommendationIsTheBestObservedAndItsRegretIsNoiseless() {
    TestFunction noisy = TestFunctions.braninNoisy();
    double[] regrets = RegretRun.run(SearchMethod.RANDOM, noisy, 3, new int[] {30});
    // Regret is the noiseless value at some trial's point: one of the 30 noiseless regrets.
    boolean found = false;
    for (int i = 0; i < 30; i++) {
      Map<String, Object> p = RandomSampler.sample(noisy.space(), 3, i);
      found |= Math.abs(noisy.at(p) - noisy.minimum() - regrets[0]) < 1e-12;
    }
    assertTrue(found);
    assertTrue(regrets[0] >= 0);
  }

  @Test
  void runsRepeatAndTpeStartsAsRandomSearch() {
    TestFunction f = TestFunctions.hartmann6();
    for (SearchMethod m : SearchMethod.values()) {
      assertArrayEquals(RegretRun.run(m, f, 2, new int[] {12, 15}), RegretRun.run(m, f, 2, new int[] {12, 15}));
    }
    assertEquals(RegretRun.run(SearchMethod.RANDOM, f, 2, new int[] {10})[0],
        RegretRun.run(SearchMethod.TPE_MULTIVARIATE, f, 2, new int[] {10})[0]);
  }
}
