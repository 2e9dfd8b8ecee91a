package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.train.ReusedBatches;
import java.util.Iterator;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * On an executor: a worker's mini-batches of one round, each cut only when the worker asks for it,
 * into the same arrays each time. The training master (no prefetch) asks for a batch once the step
 * on the one before is done, as a one-task trial's loop does.
 */
final class CutBatches implements Iterator<DataSet> {
  private final int[] batches;
  private final IntUnaryOperator place;
  private final int[] order;
  private final int batchSize;
  private final ReusedBatches reused;
  private final InputLayout layout;
  private final long firstBatchSeed;
  private int next;

  /**
   * @param batches the epoch's batch numbers this worker trains, in order
   * @param place which batch of {@code order} batch number b is (its rows start at place(b) x batchSize)
   * @param order the epoch's row order
   * @param firstBatchSeed batch b's augmentation is seeded with firstBatchSeed + b
   */
  CutBatches(int[] batches, IntUnaryOperator place, int[] order, int batchSize, ReusedBatches reused,
      InputLayout layout, long firstBatchSeed) {
    this.batches = batches;
    this.place = place;
    this.order = order;
    this.batchSize = batchSize;
    this.reused = reused;
    this.layout = layout;
    this.firstBatchSeed = firstBatchSeed;
  }

  @Override
  public boolean hasNext() {
    return next < batches.length;
  }

  @Override
  public DataSet next() {
    int b = batches[next++];
    int from = place.applyAsInt(b) * batchSize;
    int to = Math.min(order.length, from + batchSize);
    return layout.arrange(reused.batch(order, from, to, firstBatchSeed + b));
  }
}
