package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.DivergenceSpec;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
  @Test
  void firesAboveKTimesTheInitialLoss() {
    DivergenceGuard guard = new DivergenceGuard(new DivergenceSpec(true, 3.0));
    assertTrue(guard.check(2.0, 1, 0).isEmpty()); // the first loss is the reference
    assertTrue(guard.check(5.9, 1, 1).isEmpty());
    var point = guard.check(6.1, 1, 2).orElseThrow();
    assertEquals(2, point.iteration());
    assertEquals(2.0, point.initialLoss());
  }

  @Test
  void nanAndInfinityAlwaysCountEvenWhenDisabled() {
    DivergenceGuard guard = new DivergenceGuard(new DivergenceSpec(false, 3.0));
    assertTrue(guard.check(2.0, 1, 0).isEmpty());
    assertTrue(guard.check(100.0, 1, 1).isEmpty(), "disabled: a large loss is allowed");
    assertTrue(guard.check(Double.NaN, 2, 5).isPresent());
    assertTrue(new DivergenceGuard(new DivergenceSpec(true, 3.0)).check(Double.POSITIVE_INFINITY, 1, 0).isPresent());
  }
}
