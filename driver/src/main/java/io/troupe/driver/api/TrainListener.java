package io.troupe.driver.api;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialSpec;

/** What {@link Troupe#train} reports as it goes; every method does nothing unless overridden. */
public interface TrainListener {
  /** Hears nothing. */
  TrainListener SILENT = new TrainListener() {};

  /** Once the data is read and the run is open, before the first epoch: what trains on what, with which seed. */
  default void starting(ExperimentSpec spec, DataSplits splits, TrialSpec trial) {}

  /** After each epoch; {@code epochs} is the number planned. */
  default void epochEnded(String trialId, EpochStats stats, int epochs) {}
}
