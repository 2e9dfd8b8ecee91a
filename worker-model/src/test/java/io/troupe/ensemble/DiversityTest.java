package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityTest {
  /** One-hot predictions of the given classes over 2 classes. */
  private static Predictions predicts(int... classes) {
    float[] v = new float[classes.length * 2];
    for (int i = 0; i < classes.length; i++) {
      v[i * 2 + classes[i]] = 1f;
    }
    return Predictions.fromRows(v, classes.length, 2);
  }

  @Test
  void meanMemberOracleAndPairwiseDisagreementByHand() {
    int[] labels = {0, 0, 1, 1};
    Predictions a = predicts(0, 0, 0, 0); // right on rows 0, 1: 0.5
    Predictions b = predicts(0, 1, 1, 0); // right on rows 0, 2: 0.5
    Predictions c = predicts(1, 1, 1, 1); // right on rows 2, 3: 0.5
    Diversity d = Diversity.of(List.of(a, b, c), labels);
    assertEquals(0.5, d.meanMemberAccuracy(), 1e-12);
    assertEquals(1.0, d.oracleAccuracy(), 1e-12, "every row has some member right");
    // a-b differ on rows 1, 2 (0.5); a-c on all 4 (1.0); b-c on rows 0, 3 (0.5): mean 2/3.
    assertEquals(2.0 / 3.0, d.disagreement(), 1e-12);
  }

  @Test
  void oneMemberHasNoDisagreementAndItsOwnAccuracyAsOracle() {
    Diversity d = Diversity.of(List.of(predicts(0, 1, 1)), new int[] {0, 0, 1});
    assertEquals(2.0 / 3.0, d.meanMemberAccuracy(), 1e-12);
    assertEquals(2.0 / 3.0, d.oracleAccuracy(), 1e-12);
    assertEquals(0.0, d.disagreement());
  }
}
