package io.troupe.train;

import io.troupe.trial.EpochStats;

/** Receives one callback per finished epoch (the CLI prints a progress line from it). */
@FunctionalInterface
public interface TrialProgress {
  TrialProgress SILENT = (trialId, stats, epochs) -> {};

  void onEpoch(String trialId, EpochStats stats, int epochs);
}
