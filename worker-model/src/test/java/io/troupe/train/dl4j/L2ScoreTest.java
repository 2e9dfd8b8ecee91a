package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class L2ScoreTest {
  /** A weight matrix as DL4J holds one: an 'f'-ordered view into the middle of a flat parameter row. */
  private static INDArray weights(long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray flat = Nd4j.randn(DataType.FLOAT, 1, 5 + 784 * 256 + 3).muli(0.05);
    return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + 784 * 256)).reshape('f', 784, 256);
  }

  @Test
  void agreesWithDl4jsScoreAndIsTheExactSumToDoublePrecision() {
    INDArray w = weights(11);
    L2Regularization l2 = new L2Regularization(new ExponentialSchedule(ScheduleType.ITERATION, 1e-4, 0.99));
    assertTrue(L2Score.handles(l2, w));
    double ours = L2Score.of(l2, w, 7, 0);
    // DL4J's single float chain over 200,704 squares drifts by a few 1e-5 of the sum (measured 3.7e-5).
    assertEquals(l2.score(w, 7, 0), ours, 2e-4 * ours, "DL4J's float chain, to its precision");
    BigDecimal exact = BigDecimal.ZERO;
    float[] values = w.dup('c').data().asFloat();
    for (float v : values) {
      exact = exact.add(new BigDecimal(v).multiply(new BigDecimal(v)));
    }
    double expected = 0.5 * 1e-4 * Math.pow(0.99, 7) * exact.doubleValue();
    assertEquals(expected, ours, 1e-6 * expected, "the iteration's coefficient times the exact sum (SIMD lanes)");
    double coefficient = 0.5 * 1e-4 * Math.pow(0.99, 7);
    double fallback = coefficient * L2Score.sumOfSquares(w.data().asNioFloat(), (int) w.offset(), (int) w.length());
    assertEquals(expected, fallback, 1e-12 * expected, "without the lanes: the exact sum to double precision");
    assertEquals(ours, L2Score.of(l2, w, 7, 0), 0.0, "the same every time");
  }

  @Test
  void takesOddLengthsAndLeavesStridedViewsAndOtherRegularizationToDl4j() {
    INDArray odd = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f).reshape(1, 11);
    assertEquals(0.5 * 0.1 * 506, L2Score.of(new L2Regularization(0.1), odd, 0, 0), 1e-12);
    INDArray row = weights(3).getRow(2); // of an 'f' matrix, a strided view: not one contiguous run
    assertFalse(L2Score.handles(new L2Regularization(0.1), row));
    assertFalse(L2Score.handles(new L1Regularization(0.1), weights(3)));
    assertFalse(L2Score.handles(new L2Regularization(0.1), Nd4j.ones(DataType.DOUBLE, 4, 4)));
  }
}
