package io.troupe.train.averaging;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RunningAverageTest {
  private static final float TOL = 1e-6f; // float32 arithmetic

  /** A [1, n] float row vector, the shape DL4J's params() has. */
  static INDArray row(float... v) {
    return Nd4j.create(v, new long[] {1, v.length});
  }

  static float[] values(INDArray a) {
    return a.dup().data().asFloat();
  }

  @Test
  void averagesExactlyAsHandComputed() {
    // Means after each add: [1,2,3]; [2,2,2]; [3,4,1].
    RunningAverage swa = new RunningAverage();
    swa.add(row(1, 2, 3));
    assertArrayEquals(new float[] {1, 2, 3}, values(swa.average()), TOL);
    swa.add(row(3, 2, 1));
    assertArrayEquals(new float[] {2, 2, 2}, values(swa.average()), TOL);
    swa.add(row(5, 8, -1));
    assertArrayEquals(new float[] {3, 4, 1}, values(swa.average()), TOL);
    assertEquals(3, swa.count());
    assertArrayEquals(new long[] {1, 3}, swa.average().shape());
  }

  @Test
  void averagesFractionalValues() {
    // (0.1 + 0.4 + 1.0)/3 = 0.5; (0.2 + 0.5 - 0.3)/3 = 0.1333...
    RunningAverage swa = new RunningAverage();
    swa.add(row(0.1f, 0.2f));
    swa.add(row(0.4f, 0.5f));
    swa.add(row(1.0f, -0.3f));
    assertArrayEquals(new float[] {0.5f, 0.4f / 3}, values(swa.average()), TOL);
  }

  @Test
  void neverAliasesCallerArrays() {
    // Changing the added array, or the returned average, leaves the held mean alone.
    RunningAverage swa = new RunningAverage();
    INDArray p = row(1, 1);
    swa.add(p);
    p.assign(100);
    INDArray out = swa.average();
    out.assign(-5);
    assertArrayEquals(new float[] {1, 1}, values(swa.average()), TOL);
    swa.add(p);
    p.assign(0);
    assertArrayEquals(new float[] {50.5f, 50.5f}, values(swa.average()), TOL);
    assertNotSame(swa.average(), swa.average());
  }

  @Test
  void emptyUntilTheFirstAdd() {
    RunningAverage swa = new RunningAverage();
    assertTrue(swa.isEmpty());
    assertEquals(0, swa.count());
    assertThrows(IllegalStateException.class, swa::average);
    swa.add(row(1));
    assertFalse(swa.isEmpty());
  }

  @Test
  void rejectsMismatchedShapeOrType() {
    RunningAverage swa = new RunningAverage();
    swa.add(row(1, 2, 3));
    assertContains(assertThrows(IllegalArgumentException.class, () -> swa.add(row(1, 2))),
        "[1, 2]", "[1, 3]");
    assertThrows(IllegalArgumentException.class,
        () -> swa.add(row(1, 2, 3).castTo(DataType.DOUBLE)));
    assertThrows(NullPointerException.class, () -> swa.add(null));
    assertEquals(1, swa.count(), "rejected arrays are not counted");
  }

  @Test
  void holdsOneArrayUpdatedInPlace() throws Exception {
    // After 1,000 adds the same single array (same native buffer) holds the mean.
    RunningAverage swa = new RunningAverage();
    int n = 1000;
    INDArray p = Nd4j.zeros(DataType.FLOAT, 1, 4096);
    swa.add(p);
    INDArray held = swa.held();
    long address = held.data().address();
    for (int i = 1; i < n; i++) {
      p.assign(i);
      swa.add(p);
    }
    assertSame(held, swa.held());
    assertEquals(address, swa.held().data().address());
    assertEquals(4096, swa.held().length());
    assertEquals(1, indArrayFields(RunningAverage.class), "exactly one INDArray field");
    // Mean of 0..999 is 499.5.
    float[] expected = new float[4096];
    Arrays.fill(expected, 499.5f);
    assertArrayEquals(expected, values(swa.average()), 499.5f * 1e-5f);
  }

  static long indArrayFields(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()))
        .map(Field::getType).filter(INDArray.class::isAssignableFrom).count();
  }
}
