package io.troupe.search.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private static Map<String, Object> at(double x) {
    return Map.of("x", x);
  }

  @Test
  void gammaIsOptunasDefault() {
    assertEquals(0, Groups.gamma(0));
    assertEquals(1, Groups.gamma(1));
    assertEquals(1, Groups.gamma(10));
    assertEquals(2, Groups.gamma(11));
    assertEquals(10, Groups.gamma(100));
    assertEquals(25, Groups.gamma(1000));
  }

  @Test
  void theBestGoToTheGoodGroupInTheirOrderAndFailuresAndPendingAreAlwaysBad() {
    List<Observation> observed = new ArrayList<>();
    double[] objectives = {5, Double.NaN, 1, 7, Double.NEGATIVE_INFINITY, 3, 2, 9, 8, 6, 4, 0.5};
    for (int i = 0; i < objectives.length; i++) {
      observed.add(new Observation(at(i), objectives[i]));
    }
    // 12 observations: gamma 2. Minimising: 0.5 (#11) and 1 (#2), oldest first; -inf is a failure, never best.
    Groups min = Groups.of(Direction.MINIMIZE, observed, List.of(at(99)));
    assertEquals(List.of(at(2), at(11)), min.good());
    assertEquals(11, min.bad().size());
    assertEquals(at(99), min.bad().get(10));
    assertEquals(at(1), min.bad().get(1));
    // Maximising: 9 (#7) and 8 (#8); NaN is not the best either.
    assertEquals(List.of(at(7), at(8)), Groups.of(Direction.MAXIMIZE, observed, List.of()).good());
  }

  @Test
  void whenTooFewSucceedTheGoodGroupHoldsOnlyThose() {
    List<Observation> observed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      observed.add(new Observation(at(i), i == 13 ? 1.0 : Double.NaN));
    }
    Groups g = Groups.of(Direction.MINIMIZE, observed, List.of());
    assertEquals(List.of(at(13)), g.good());
    assertEquals(19, g.bad().size());
  }

  @Test
  void olderPointsBeyondTwentyFiveWeighLess() {
    assertArrayEquals(new double[] {1, 1, 1}, Groups.weights(3));
    double[] w = Groups.weights(30);
    assertEquals(1.0 / 30, w[0], 1e-15);
    assertEquals(1.0, w[4], 1e-15);
    assertEquals(1.0 / 30 + 2 * (1 - 1.0 / 30) / 4, w[2], 1e-15);
    for (int i = 5; i < 30; i++) {
      assertEquals(1.0, w[i]);
    }
  }
}
