package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/**
 * One trial trained across executors (dl4j-spark's parameter averaging): each of {@code workers}
 * tasks trains a copy of the network on its own mini-batches, and every {@code averagingFrequency}
 * mini-batches the driver averages the copies' parameters and optimiser state.
 */
@Doc("One trial across several executors (data-parallel, dl4j-spark's parameter averaging); none trains each trial in one task.")
public record DistributedSpec(
    @Doc("none (one task per trial) or data-parallel (one trial across workers tasks).")
    @Default("none") DistributedMode mode,
    @Doc("Tasks that train one trial side by side; a sweep runs spark slots / workers data-parallel trials at once.")
    @Default("2") @Min(1) int workers,
    @Doc("Mini-batches each worker trains between two parameter averages: fewer average more often (more traffic, closer to one-task training).")
    @Default("5") @Min(1) int averagingFrequency,
    @Doc("Examples per mini-batch on each worker; null uses train.batchSize.")
    @Default("null") @Min(1) Integer batchSizePerWorker) {

  public boolean enabled() {
    return mode == DistributedMode.DATA_PARALLEL;
  }

  /** The mini-batch each worker trains on. */
  public int batchSize(int trainBatchSize) {
    return batchSizePerWorker != null ? batchSizePerWorker : trainBatchSize;
  }
}
