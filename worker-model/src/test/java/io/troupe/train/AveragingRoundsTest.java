package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AveragingRoundsTest {
  @Test
  void batchesAreDealtRoundRobinInRoundsOfWorkersTimesFrequency() {
    List<int[][]> rounds = new AveragingRounds(2, 3).plan(14);
    assertEquals(3, rounds.size(), "6 + 6 + 2 batches");
    assertArrayEquals(new int[] {0, 2, 4}, rounds.get(0)[0]);
    assertArrayEquals(new int[] {1, 3, 5}, rounds.get(0)[1]);
    assertArrayEquals(new int[] {6, 8, 10}, rounds.get(1)[0]);
    assertArrayEquals(new int[] {12}, rounds.get(2)[0]);
    assertArrayEquals(new int[] {13}, rounds.get(2)[1]);
    assertEquals(3 + 3 + 1, new AveragingRounds(2, 3).stepsPerEpoch(14));
  }

  @Test
  void everyBatchIsTrainedOnceAndAShortLastRoundLeavesSomeWorkersIdle() {
    List<int[][]> rounds = new AveragingRounds(3, 2).plan(7);
    boolean[] seen = new boolean[7];
    for (int[][] round : rounds) {
      for (int[] worker : round) {
        for (int b : worker) {
          assertEquals(false, seen[b], "batch " + b + " twice");
          seen[b] = true;
        }
      }
    }
    for (boolean s : seen) {
      assertEquals(true, s);
    }
    assertArrayEquals(new int[0], rounds.get(1)[2], "the 7th batch goes to worker 0; workers 1 and 2 wait");
    assertEquals(2 + 1, new AveragingRounds(3, 2).stepsPerEpoch(7));
  }

  @Test
  void oneWorkerTrainsTheEpochInOrder() {
    List<int[][]> rounds = new AveragingRounds(1, 4).plan(10);
    assertArrayEquals(new int[] {0, 1, 2, 3}, rounds.get(0)[0]);
    assertArrayEquals(new int[] {8, 9}, rounds.get(2)[0]);
    assertEquals(10, new AveragingRounds(1, 4).stepsPerEpoch(10));
  }
}
