package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.Combiner;
import io.troupe.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfBagTest {
  @Test
  void eachExampleIsJudgedOnlyByMembersThatLeftItOut() {
    int[] labels = {0, 1, 1, 0};
    // Member a left out rows 0 and 1, member b rows 1 and 2; row 3 was drawn by both.
    int[] aRows = {0, 1};
    Predictions a = Predictions.fromRows(new float[] {0.9f, 0.1f, 0.6f, 0.4f}, 2, 2);
    int[] bRows = {1, 2};
    Predictions b = Predictions.fromRows(new float[] {0.1f, 0.9f, 0.2f, 0.8f}, 2, 2);
    // Row 0: a says 0 (right). Row 1: average (0.35, 0.65) says 1 (right); the vote ties 0-1 and
    // goes to class 0 (wrong). Row 2: b says 1 (right). Row 3: covered by nobody, skipped.
    double average = OutOfBag.accuracy(labels, List.of(aRows, bRows), List.of(a, b), Combiner.AVERAGE, null);
    double vote = OutOfBag.accuracy(labels, List.of(aRows, bRows), List.of(a, b), Combiner.VOTE, null);
    double weighted = OutOfBag.accuracy(labels, List.of(aRows, bRows), List.of(a, b), Combiner.WEIGHTED_VOTE,
        new double[] {1, 2});
    assertEquals(1.0, average, 1e-12);
    assertEquals(2.0 / 3.0, vote, 1e-12);
    assertEquals(1.0, weighted, 1e-12, "b's larger weight decides row 1");
  }

  @Test
  void nothingOutOfBagGivesNaN() {
    double none = OutOfBag.accuracy(new int[] {0, 1}, List.of(new int[0]),
        List.of(Predictions.fromRows(new float[0], 0, 2)), Combiner.AVERAGE, null);
    assertTrue(Double.isNaN(none));
  }
}
