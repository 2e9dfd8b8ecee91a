package io.troupe.search.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuartilesTest {
  @Test
  void interpolatesAsNumpyDoes() {
    // numpy.percentile([5, 1, 4, 2, 3], [25, 50, 75]) = [2, 3, 4]; of [1, 2, 3, 4]: [1.75, 2.5, 3.25]
    assertEquals(new Quartiles(2, 3, 4), Quartiles.of(new double[] {5, 1, 4, 2, 3}));
    assertEquals(new Quartiles(1.75, 2.5, 3.25), Quartiles.of(new double[] {4, 3, 2, 1}));
    assertEquals(1.5, Quartiles.of(new double[] {4, 3, 2, 1}).iqr(), 1e-15);
    assertEquals(new Quartiles(7, 7, 7), Quartiles.of(new double[] {7}));
  }
}
