package io.troupe.eval;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.data.Dataset;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  private static final double EPS = 1e-6; // float32 probabilities, double arithmetic

  /** Four examples, three classes, worked by hand below. */
  private static final float[] MIXED = {
      0.7f, 0.2f, 0.1f, // label 0: predicted 0, right, confidence 0.7 (ECE bin 10)
      0.15f, 0.55f, 0.3f, // label 2: predicted 1, wrong, confidence 0.55 (bin 8)
      0.2f, 0.25f, 0.55f, // label 2: predicted 2, right, confidence 0.55 (bin 8)
      0.5f, 0.5f, 0.0f}; // label 1: tie 0/1 -> predicted 0, wrong, confidence 0.5 (bin 7)
  private static final int[] MIXED_LABELS = {0, 2, 2, 1};

  @Test
  void perfectPredictor() {
    // One-hot on the right class: everything ideal.
    Predictions p = Predictions.fromRows(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
    ClassificationMetrics m = ClassificationMetrics.of(p, new int[] {0, 1, 2});
    assertEquals(new ClassificationMetrics(1, 0, 0, 0, 1), m);
  }

  @Test
  void uniformPredictor() {
    // p = 1/4 everywhere over 4 classes, labels 0..3. Ties -> everything predicted as class 0.
    float[] q = new float[16];
    java.util.Arrays.fill(q, 0.25f);
    ClassificationMetrics m =
        ClassificationMetrics.of(Predictions.fromRows(q, 4, 4), new int[] {0, 1, 2, 3});
    assertEquals(0.25, m.accuracy(), EPS); // only the label-0 row is right
    assertEquals(Math.log(4), m.nll(), EPS); // ln C
    assertEquals(0.75, m.brier(), EPS); // (0.75)^2 + 3 x (0.25)^2
    assertEquals(0.0, m.ece(), EPS); // confidence 0.25 = accuracy 0.25 in the one bin
    // Class 0: TP 1, predicted 4, actual 1 -> F1 2/5; classes 1-3 have no TP -> 0.
    assertEquals(0.1, m.macroF1(), EPS);
  }

  @Test
  void mixedCaseMatchesHandComputation() {
    ClassificationMetrics m =
        ClassificationMetrics.of(Predictions.fromRows(MIXED, 4, 3), MIXED_LABELS);
    assertEquals(0.5, m.accuracy(), EPS);
    double nll = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.55) + Math.log(0.5)) / 4;
    assertEquals(nll, m.nll(), EPS);
    // Rows: 0.09+0.04+0.01, 0.0225+0.3025+0.49, 0.04+0.0625+0.2025, 0.25+0.25+0.
    assertEquals((0.14 + 0.815 + 0.305 + 0.5) / 4, m.brier(), EPS);
    // Bins: 10 -> |1 - 0.7|; 8 -> |(0 - 0.55) + (1 - 0.55)|; 7 -> |0 - 0.5|; over n = 4.
    assertEquals((0.3 + 0.1 + 0.5) / 4, m.ece(), EPS);
    // F1: class 0 2x1/(2+1), class 1 no TP -> 0, class 2 2x1/(1+2).
    assertEquals((2.0 / 3 + 0 + 2.0 / 3) / 3, m.macroF1(), EPS);
  }

  @Test
  void macroF1IgnoresClassesAbsentFromLabelsAndPredictions() {
    // Class 2 never occurs: averaging over it would give 2/3 instead of 1.
    Predictions p = Predictions.fromRows(new float[] {0.9f, 0.1f, 0, 0.2f, 0.8f, 0}, 2, 3);
    assertEquals(1.0, ClassificationMetrics.of(p, new int[] {0, 1}).macroF1(), EPS);
  }

  @Test
  void nllIsFlooredForZeroProbability() {
    Predictions p = Predictions.fromRows(new float[] {1, 0}, 1, 2);
    assertEquals(-Math.log(1e-12), ClassificationMetrics.of(p, new int[] {1}).nll(), EPS);
  }

  @Test
  void eceBinsAreRightClosed() {
    assertEquals(0, ClassificationMetrics.bin(0.0));
    assertEquals(0, ClassificationMetrics.bin(1.0 / 15));
    assertEquals(1, ClassificationMetrics.bin(1.0 / 15 + 1e-9));
    assertEquals(7, ClassificationMetrics.bin(0.5));
    assertEquals(14, ClassificationMetrics.bin(1.0));
  }

  @Test
  void datasetLabelsAreUsed() {
    Dataset d = Dataset.ofFloats("d", new int[] {1}, new float[4], MIXED_LABELS, 3);
    Predictions p = Predictions.fromRows(MIXED, 4, 3);
    assertEquals(ClassificationMetrics.of(p, MIXED_LABELS), ClassificationMetrics.of(p, d));
  }

  @Test
  void lengthMismatchNamesBothNumbers() {
    Predictions p = Predictions.fromRows(MIXED, 4, 3);
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(p, new int[] {0, 1, 2})), "4 rows", "3 labels");
    Dataset d = Dataset.ofFloats("five", new int[] {1}, new float[5], new int[5], 3);
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(p, d)), "4 x 3", "five", "5 examples");
  }

  @Test
  void rejectsBadLabelsRowsAndDatasets() {
    Predictions p = Predictions.fromRows(MIXED, 4, 3);
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(p, new int[] {0, 3, 0, 0})), "label 3", "row 1");
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(Predictions.fromRows(new float[0], 0, 3), new int[0]));
    Predictions half = Predictions.fromRows(new float[] {0.25f, 0.25f}, 1, 2);
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.of(half, new int[] {0})), "row 0", "sum to 0.5");
    Predictions nan = Predictions.fromRows(new float[] {Float.NaN, 1}, 1, 2);
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(nan,
        new int[] {0}));
    Dataset regression = Dataset.ofFloatsRegression("r", new int[] {1}, new float[4],
        new float[4]);
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(p, regression));
  }

  @Test
  void recordRejectsOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class,
        () -> new ClassificationMetrics(1.5, 0, 0, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new ClassificationMetrics(1, -0.1, 0, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> new ClassificationMetrics(1, 0, 0, Double.NaN, 1));
  }
}
