package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.eval.Predictions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The combiners on hand-made probability matrices. */
class CombinersTest {
  private static Predictions p(float... rowsOfThree) {
    return Predictions.fromRows(rowsOfThree, rowsOfThree.length / 3, 3);
  }

  @Test
  void averageIsTheMeanProbabilityPerExampleAndClass() {
    Predictions a = p(0.6f, 0.3f, 0.1f, 0.2f, 0.2f, 0.6f);
    Predictions b = p(0.2f, 0.7f, 0.1f, 0.0f, 0.5f, 0.5f);
    Predictions mean = Combiners.average(List.of(a, b));
    assertArrayEquals(new float[] {0.4f, 0.5f, 0.1f, 0.1f, 0.35f, 0.55f}, mean.toArray(), 1e-7f);
    // Soft averaging can overturn both members' margins: class 1 wins row 0 though member a said 0.
    assertEquals(1, mean.predictedClass(0));
  }

  @Test
  void voteCountsPredictedClassesAndTiesGoToTheLowestClassIndex() {
    Predictions a = p(0.9f, 0.05f, 0.05f, 0.1f, 0.1f, 0.8f);
    Predictions b = p(0.1f, 0.8f, 0.1f, 0.1f, 0.1f, 0.8f);
    Combiners.Vote vote = Combiners.vote(List.of(a, b), null);
    // Row 0: one vote each for classes 0 and 1, a tie decided for class 0. Row 1: both say 2.
    assertArrayEquals(new float[] {0.5f, 0.5f, 0f, 0f, 0f, 1f}, vote.shares().toArray());
    assertEquals(0, vote.shares().predictedClass(0));
    assertEquals(2, vote.shares().predictedClass(1));
    assertEquals(1, vote.ties());
  }

  @Test
  void tieWithLowerClassesEmptyStillGoesToTheLowestTiedClass() {
    Predictions a = p(0.1f, 0.1f, 0.8f);
    Predictions b = p(0.1f, 0.8f, 0.1f);
    Combiners.Vote vote = Combiners.vote(List.of(a, b), null);
    assertEquals(1, vote.shares().predictedClass(0), "classes 1 and 2 tie; 1 is the lowest tied index");
    assertEquals(1, vote.ties());
  }

  @Test
  void weightsDecideWhatAPlainVoteLeavesTied() {
    Predictions a = p(0.9f, 0.05f, 0.05f);
    Predictions b = p(0.1f, 0.8f, 0.1f);
    Combiners.Vote weighted = Combiners.vote(List.of(a, b), new double[] {0.4, 0.6});
    assertEquals(1, weighted.shares().predictedClass(0));
    assertEquals(0, weighted.ties());
    assertArrayEquals(new float[] {0.4f, 0.6f, 0f}, weighted.shares().toArray(), 1e-7f);
    Combiners.Vote plain = Combiners.vote(List.of(a, b), null);
    assertEquals(0, plain.shares().predictedClass(0));
  }

  @Test
  void threeVotersMajorityBeatsAConfidentMinority() {
    Predictions confident = p(0.99f, 0.005f, 0.005f);
    Predictions weak = p(0.3f, 0.4f, 0.3f);
    Predictions vote = Combiners.vote(List.of(confident, weak, weak), null).shares();
    Predictions average = Combiners.average(List.of(confident, weak, weak));
    assertEquals(1, vote.predictedClass(0), "two of three vote class 1");
    assertEquals(0, average.predictedClass(0), "the average follows the confident member");
  }

  @Test
  void badInputIsRejectedWithTheReason() {
    Predictions a = p(0.5f, 0.25f, 0.25f);
    Predictions twoRows = p(0.5f, 0.25f, 0.25f, 0.5f, 0.25f, 0.25f);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Combiners.average(List.of()))
        .getMessage().contains("no members"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Combiners.average(List.of(a, twoRows)))
        .getMessage().contains("member 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Combiners.vote(List.of(a, a), new double[] {1}))
        .getMessage().contains("1 weights for 2 members"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Combiners.vote(List.of(a, a), new double[] {0, 0}))
        .getMessage().contains("all zero"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Combiners.vote(List.of(a), new double[] {-1}))
        .getMessage().contains("weight 0 is -1.0"));
  }
}
