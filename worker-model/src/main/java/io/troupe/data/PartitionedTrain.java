package io.troupe.data;

import java.io.Serializable;

/**
 * A training part that was never brought to one JVM: its rows stay partitioned across the
 * executors, one partition per data-parallel worker, and the driver knows them by {@code id}.
 *
 * @param rows the training rows across all partitions
 * @param workers the partitions, one per worker
 * @param id what the driver's registry of partitioned parts calls this one
 */
public record PartitionedTrain(int rows, int workers, String id) implements Serializable {
  public PartitionedTrain {
    if (rows < 1 || workers < 1 || id == null) {
      throw new IllegalArgumentException("rows and workers must be >= 1 and id given: " + rows + ", " + workers);
    }
  }
}
