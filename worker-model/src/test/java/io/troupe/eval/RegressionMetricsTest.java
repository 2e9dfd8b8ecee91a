package io.troupe.eval;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.data.Dataset;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
  private static final Predictions OUT = Predictions.fromRows(new float[] {1, 2, 3}, 3, 1);
  private static final float[] TARGETS = {1, 4, 0};

  @Test
  void matchesHandComputation() {
    // Errors 0, -2, 3: MSE (0 + 4 + 9)/3, MAE (0 + 2 + 3)/3.
    RegressionMetrics m = RegressionMetrics.of(OUT, TARGETS);
    assertEquals(13.0 / 3, m.mse(), 1e-12);
    assertEquals(5.0 / 3, m.mae(), 1e-12);
  }

  @Test
  void perfectPredictionsScoreZero() {
    assertEquals(new RegressionMetrics(0, 0), RegressionMetrics.of(OUT, new float[] {1, 2, 3}));
  }

  @Test
  void datasetTargetsAreUsed() {
    Dataset d = Dataset.ofFloatsRegression("r", new int[] {1}, new float[3], TARGETS);
    assertEquals(RegressionMetrics.of(OUT, TARGETS), RegressionMetrics.of(OUT, d));
  }

  @Test
  void rejectsMismatchesAndNonFiniteValues() {
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.of(OUT, new float[2])), "3 rows", "2 targets");
    Predictions twoColumns = Predictions.fromRows(new float[] {0.5f, 0.5f}, 1, 2);
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.of(twoColumns, new float[1])), "2 columns");
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.of(OUT, new float[] {1, Float.NaN, 0})), "row 1");
    Dataset classification = Dataset.ofFloats("c", new int[] {1}, new float[3],
        new int[3], 2);
    assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.of(OUT, classification));
    assertThrows(IllegalArgumentException.class, () -> new RegressionMetrics(-1, 0));
  }
}
