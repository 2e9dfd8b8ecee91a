package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.train.BatchSource;
import io.troupe.train.TrialSources;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * On an executor: one worker's mini-batches of one averaging round, cut from the broadcast data
 * (already on the executor) in the epoch's seeded order, exactly as a one-task trial cuts them.
 * Only batch indices cross the wire; the rows never leave the executor's copy.
 */
final class RoundBatches implements FlatMapFunction<Iterator<int[]>, DataSet> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DataSplits> data;
  private final TrialSpec trial;
  private final InputLayout layout;
  private final int epoch;
  private final int batchSize;
  private final long firstBatchSeed;

  RoundBatches(Broadcast<DataSplits> data, TrialSpec trial, InputLayout layout, int epoch, int batchSize,
      long firstBatchSeed) {
    this.data = data;
    this.trial = trial;
    this.layout = layout;
    this.epoch = epoch;
    this.batchSize = batchSize;
    this.firstBatchSeed = firstBatchSeed;
  }

  @Override
  public Iterator<DataSet> call(Iterator<int[]> workers) {
    List<int[]> assigned = new ArrayList<>();
    workers.forEachRemaining(assigned::add);
    if (assigned.isEmpty() || assigned.stream().allMatch(b -> b.length == 0)) {
      return java.util.Collections.emptyIterator();
    }
    ExperimentSpec spec = trial.experiment();
    BatchSource source = TrialSources.training(data.value(), trial, spec);
    int[] order = source.epochOrder(trial.seed(), epoch, spec.train().shuffle());
    List<DataSet> batches = new ArrayList<>();
    for (int[] indices : assigned) {
      for (int b : indices) {
        int from = b * batchSize;
        int to = Math.min(order.length, from + batchSize);
        batches.add(layout.arrange(source.trainingBatch(order, from, to, firstBatchSeed + b)));
      }
    }
    return batches.iterator();
  }
}
