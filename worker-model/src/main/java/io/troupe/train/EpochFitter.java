package io.troupe.train;

import io.troupe.model.Network;

/**
 * Trains a trial's epochs somewhere other than the trial's own thread: across executors, for a
 * data-parallel trial (the driver implements it with Spark; this module knows no Spark). The
 * trial's loop still runs every epoch's scoring, diagnostics, early stopping and saving.
 */
public interface EpochFitter {

  /** The optimiser steps one epoch takes on each worker: what schedules count. */
  int iterationsPerEpoch();

  /**
   * The rows one epoch trains on across all workers: the trial's training rows, which the trial's
   * own sources may hold only the first of (a partitioned spark source).
   */
  int trainRows();

  /**
   * Fits epoch {@code epoch} (0-based) into {@code net} in place, advancing the network's step
   * count by each round's steps as it goes (schedules read it). {@code firstIteration} is the
   * network's step count at the epoch's start.
   */
  FittedEpoch fitEpoch(Network net, int epoch, long firstIteration);

  /** Figures for the trial's record (e.g. rounds and bytes moved), by metric name. */
  default java.util.Map<String, Double> metrics() {
    return java.util.Map.of();
  }

  /**
   * @param roundLosses the training loss after each averaging round, in order (what the divergence
   *     guard watches)
   * @param roundSteps the optimiser steps each round took on a worker (the network's step count
   *     advances by these)
   */
  record FittedEpoch(double[] roundLosses, int[] roundSteps) {}
}
