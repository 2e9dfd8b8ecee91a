package io.troupe.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How a data-parallel epoch's mini-batches go to its workers: in rounds of {@code workers} x
 * {@code frequency} batches, taken in the epoch's order and dealt round-robin, so worker p of
 * round r trains batches start + p, start + p + workers, ... Each round ends in one parameter
 * average. Every worker of a round gets the same number of batches, give or take one (the last
 * round of an epoch may be short), so none waits long for the others.
 */
public record AveragingRounds(int workers, int frequency) {

  public AveragingRounds {
    if (workers < 1 || frequency < 1) {
      throw new IllegalArgumentException("workers and frequency must be >= 1, got " + workers + ", " + frequency);
    }
  }

  /** The rounds of an epoch of {@code batches} mini-batches: for each round, each worker's batch indices in order. */
  public List<int[][]> plan(int batches) {
    List<int[][]> rounds = new ArrayList<>();
    int perRound = workers * frequency;
    for (int start = 0; start < batches; start += perRound) {
      int end = Math.min(batches, start + perRound);
      int[][] round = new int[workers][];
      for (int p = 0; p < workers; p++) {
        int count = Math.max(0, (end - start - p + workers - 1) / workers);
        round[p] = new int[count];
        for (int j = 0; j < count; j++) {
          round[p][j] = start + p + j * workers;
        }
      }
      rounds.add(round);
    }
    return rounds;
  }

  /** The optimiser steps a round takes on its busiest worker. */
  public static int steps(int[][] round) {
    int most = 0;
    for (int[] worker : round) {
      most = Math.max(most, worker.length);
    }
    return most;
  }

  /** The steps an epoch of {@code batches} mini-batches takes: the sum of its rounds'. */
  public int stepsPerEpoch(int batches) {
    return plan(batches).stream().mapToInt(AveragingRounds::steps).sum();
  }
}
