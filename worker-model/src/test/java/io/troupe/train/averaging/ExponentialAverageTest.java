package io.troupe.train.averaging;

import static io.troupe.testing.Messages.assertContains;
import static io.troupe.train.averaging.RunningAverageTest.indArrayFields;
import static io.troupe.train.averaging.RunningAverageTest.row;
import static io.troupe.train.averaging.RunningAverageTest.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ExponentialAverageTest {
  private static final float TOL = 1e-6f;

  @Test
  void followsTheRecurrenceExactly() {
    // decay 0.5: [2,4] -> 0.5[2,4] + 0.5[4,0] = [3,2] -> 0.5[3,2] + 0.5[0,8] = [1.5,5].
    ExponentialAverage ema = new ExponentialAverage(0.5);
    ema.update(row(2, 4));
    assertArrayEquals(new float[] {2, 4}, values(ema.average()), TOL);
    ema.update(row(4, 0));
    assertArrayEquals(new float[] {3, 2}, values(ema.average()), TOL);
    ema.update(row(0, 8));
    assertArrayEquals(new float[] {1.5f, 5}, values(ema.average()), TOL);
    assertEquals(3, ema.updates());
  }

  @Test
  void weighsOldAndNewByDecay() {
    // decay 0.9: 1 -> 0.9 x 1 + 0.1 x 0 = 0.9 -> 0.9 x 0.9 + 0.1 x 2 = 1.01.
    ExponentialAverage ema = new ExponentialAverage(0.9);
    ema.update(row(1));
    ema.update(row(0));
    assertArrayEquals(new float[] {0.9f}, values(ema.average()), TOL);
    ema.update(row(2));
    assertArrayEquals(new float[] {1.01f}, values(ema.average()), TOL);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
  void rejectsDecayOutsideOpenUnitInterval(double decay) {
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> new ExponentialAverage(decay)), "(0, 1)", String.valueOf(decay));
  }

  @Test
  void neverAliasesCallerArrays() {
    ExponentialAverage ema = new ExponentialAverage(0.5);
    INDArray p = row(2, 2);
    ema.update(p);
    p.assign(100);
    ema.average().assign(-1);
    assertArrayEquals(new float[] {2, 2}, values(ema.average()), TOL);
    ema.update(p);
    p.assign(0);
    assertArrayEquals(new float[] {51, 51}, values(ema.average()), TOL);
  }

  @Test
  void emptyUntilTheFirstUpdateAndRejectsMismatches() {
    ExponentialAverage ema = new ExponentialAverage(0.99);
    assertTrue(ema.isEmpty());
    assertThrows(IllegalStateException.class, ema::average);
    ema.update(row(1, 2));
    assertFalse(ema.isEmpty());
    assertThrows(IllegalArgumentException.class, () -> ema.update(row(1, 2, 3)));
    assertThrows(IllegalArgumentException.class,
        () -> ema.update(row(1, 2).castTo(DataType.DOUBLE)));
    assertEquals(1, ema.updates());
  }

  @Test
  void holdsOneArrayUpdatedInPlace() {
    // Start at 0, then 1,000 updates towards 1 with decay 0.99: ema = 1 - 0.99^1000.
    ExponentialAverage ema = new ExponentialAverage(0.99);
    INDArray p = Nd4j.zeros(DataType.FLOAT, 1, 4096);
    ema.update(p);
    INDArray held = ema.held();
    long address = held.data().address();
    p.assign(1);
    for (int i = 0; i < 1000; i++) {
      ema.update(p);
    }
    assertSame(held, ema.held());
    assertEquals(address, ema.held().data().address());
    assertEquals(4096, ema.held().length());
    assertEquals(1, indArrayFields(ExponentialAverage.class), "exactly one INDArray field");
    float[] expected = new float[4096];
    Arrays.fill(expected, (float) (1 - Math.pow(0.99, 1000)));
    assertArrayEquals(expected, values(ema.average()), 1e-5f);
    assertEquals(1001, ema.updates());
  }
}
