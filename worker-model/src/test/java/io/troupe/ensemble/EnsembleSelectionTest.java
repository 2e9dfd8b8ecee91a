package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.eval.Predictions;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Greedy selection with replacement on hand-made predictions, where the right ensemble is known. */
class EnsembleSelectionTest {

  /** Two classes; each row gives P(class 0). */
  private static Predictions twoClass(double... p0) {
    float[] rows = new float[p0.length * 2];
    for (int i = 0; i < p0.length; i++) {
      rows[2 * i] = (float) p0[i];
      rows[2 * i + 1] = (float) (1 - p0[i]);
    }
    return Predictions.fromRows(rows, p0.length, 2);
  }

  private static ToDoubleFunction<Predictions> accuracy(int... labels) {
    return p -> {
      int right = 0;
      for (int i = 0; i < labels.length; i++) {
        right += p.predictedClass(i) == labels[i] ? 1 : 0;
      }
      return right / (double) labels.length;
    };
  }

  @Test
  void complementaryMembersAreChosenAndAUselessOneIsNot() {
    // A is right on rows 0-1, B on rows 2-3 (less sure where it is wrong), C is confidently wrong everywhere.
    Predictions a = twoClass(0.9, 0.9, 0.4, 0.4);
    Predictions b = twoClass(0.3, 0.3, 0.9, 0.9);
    Predictions c = twoClass(0.1, 0.1, 0.1, 0.1);
    EnsembleSelection.Result r = EnsembleSelection.select(List.of(a, b, c), accuracy(0, 0, 0, 0), 1, 1);
    assertArrayEquals(new int[] {1, 1, 0}, r.counts());
    assertEquals(2, r.steps().size());
    assertEquals(0.5, r.steps().get(0).validationScore(), "A alone starts (ties go to the lower index)");
    assertEquals(1.0, r.steps().get(1).validationScore(), "A and B together are right everywhere");
  }

  @Test
  void replacementGivesAMemberTwiceTheWeightWhenThatIsWhatWorks() {
    // Only 2A + B is right on all three rows: A alone and A + A 2/3, A + B 1/3.
    Predictions a = twoClass(0.9, 0.8, 0.3);
    Predictions b = twoClass(0.0, 0.1, 0.95);
    EnsembleSelection.Result r = EnsembleSelection.select(List.of(a, b), accuracy(0, 0, 0), 1, 2);
    assertArrayEquals(new int[] {2, 1}, r.counts());
    assertEquals(List.of(0, 0, 1), r.steps().stream().map(EnsembleSelection.Step::candidate).toList());
    assertEquals(List.of(2 / 3.0, 2 / 3.0, 1.0), r.steps().stream().map(EnsembleSelection.Step::validationScore).toList());
    assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0}, r.weights(), 1e-12);
    Predictions combined = EnsembleSelection.weighted(List.of(a, b), r.counts());
    assertEquals((2 * 0.9f + 0.0f) / 3, combined.probability(0, 0), 1e-6);
  }

  @Test
  void theInitialMembersAreTheBestSingleCandidatesInRankOrder() {
    Predictions weak = twoClass(0.4, 0.4, 0.4, 0.6);
    Predictions strong = twoClass(0.6, 0.6, 0.6, 0.4);
    Predictions middle = twoClass(0.6, 0.6, 0.4, 0.4);
    EnsembleSelection.Result r = EnsembleSelection.select(List.of(weak, strong, middle), accuracy(0, 0, 0, 0), 2, 0);
    assertEquals(List.of(1, 2), r.steps().stream().map(EnsembleSelection.Step::candidate).toList());
    assertArrayEquals(new int[] {0, 1, 1}, r.counts());
  }

  @Test
  void baggedSelectionIsSeededAndSumsItsBags() {
    List<Predictions> candidates = List.of(twoClass(0.9, 0.9, 0.4, 0.4), twoClass(0.3, 0.3, 0.9, 0.9),
        twoClass(0.1, 0.1, 0.1, 0.1), twoClass(0.6, 0.4, 0.6, 0.4));
    EnsembleSelection.Result one = EnsembleSelection.bagged(candidates, accuracy(0, 0, 0, 0), 1, 2, 5, 0.5, 7);
    EnsembleSelection.Result again = EnsembleSelection.bagged(candidates, accuracy(0, 0, 0, 0), 1, 2, 5, 0.5, 7);
    assertArrayEquals(one.counts(), again.counts());
    assertEquals(5 * 3, java.util.Arrays.stream(one.counts()).sum(), "5 bags of 1 initial member and 2 additions");
    assertEquals(5, one.steps().size());
  }

  @Test
  void mismatchedPredictionsAreRefusedNamingTheCandidate() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnsembleSelection.select(
        List.of(twoClass(0.9, 0.1), twoClass(0.9)), accuracy(0, 0), 1, 1));
    assertEquals("candidate 1 has 1x2 validation predictions, candidate 0 2x2", e.getMessage());
  }
}
