package io.troupe.train;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One trial's training batches, written into the same features and labels arrays every iteration
 * (one pair per batch size: the full size and the epoch's shorter last batch). DL4J's fit reads
 * the batch and keeps no reference that outlives the call, so overwriting it next iteration is safe.
 * (A data-parallel worker's batches too: its master takes each batch after the last one's step.)
 */
public final class ReusedBatches {
  private final BatchSource source;
  private final Map<Integer, DataSet> bySize = new HashMap<>(4);

  public ReusedBatches(BatchSource source) {
    this.source = source;
  }

  /** The training batch of {@code rows[from..to)}: the same values as {@link BatchSource#trainingBatch}. */
  public DataSet batch(int[] rows, int from, int to, long batchSeed) {
    DataSet batch = bySize.computeIfAbsent(to - from, n -> new DataSet(
        HostArrays.reusable(n, source.data().numFeatures()), HostArrays.reusable(n, source.targetColumns())));
    source.fillTrainingBatch(rows, from, to, batchSeed, batch);
    return batch;
  }
}
