package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Seeds;
import io.troupe.driver.data.PartitionedTraining;
import io.troupe.driver.data.WorkerPart;
import io.troupe.train.BatchSource;
import io.troupe.train.ReusedBatches;
import io.troupe.trial.TrialSpec;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Batches cut by each worker from its own share of a partitioned spark source, cached on its
 * executor ({@link PartitionedTraining}): a round is a narrow map over the cached parts, so Spark
 * runs worker w's task where part w is and no row moves. Each worker shuffles its own rows every
 * epoch (seeded by trial, epoch and worker); global batch b is worker b % N's local batch b / N, the
 * numbering {@code AveragingRounds} deals. The shares differ by at most a row, so their batch
 * counts differ by at most one, as the dealing expects.
 */
final class PartitionRounds implements RoundData {
  /** Sub-stream of the trial seed for worker w's epoch order: WORKER_STREAM + w. */
  private static final long WORKER_STREAM = 7_000;

  private final Broadcast<DataSplits> data;
  private final JavaRDD<WorkerPart> parts;
  private final TrialSpec trial;
  private final int batchSize;
  private final int workers;
  private final int trainRows;

  PartitionRounds(Broadcast<DataSplits> data, TrialSpec trial, ExperimentSpec spec, int batchSize) {
    DataSplits splits = data.value();
    this.data = data;
    this.parts = PartitionedTraining.parts(splits);
    this.trial = trial;
    this.batchSize = batchSize;
    this.workers = spec.train().distributed().workers();
    this.trainRows = splits.trainRows();
    if (parts.getNumPartitions() != workers) {
      throw new IllegalStateException("trial " + trial.trialId() + " asks for " + workers + " workers, but its"
          + " training rows are partitioned for " + parts.getNumPartitions());
    }
  }

  @Override
  public int trainRows() {
    return trainRows;
  }

  @Override
  public int batchesPerEpoch() {
    int batches = 0;
    for (int w = 0; w < workers; w++) {
      int rows = (trainRows - w + workers - 1) / workers;
      batches += (rows + batchSize - 1) / batchSize;
    }
    return batches;
  }

  @Override
  public JavaRDD<DataSet> round(int[][] round, InputLayout layout, int epoch, long firstBatchSeed) {
    return parts.mapPartitionsWithIndex(new WorkerBatches(data, trial, layout, round, epoch, batchSize,
        firstBatchSeed), true);
  }

  /** On the executor holding part w: worker w's batches of the round. */
  private static final class WorkerBatches implements Function2<Integer, Iterator<WorkerPart>, Iterator<DataSet>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<DataSplits> data;
    private final TrialSpec trial;
    private final InputLayout layout;
    private final int[][] round;
    private final int epoch;
    private final int batchSize;
    private final long firstBatchSeed;

    WorkerBatches(Broadcast<DataSplits> data, TrialSpec trial, InputLayout layout, int[][] round, int epoch,
        int batchSize, long firstBatchSeed) {
      this.data = data;
      this.trial = trial;
      this.layout = layout;
      this.round = round;
      this.epoch = epoch;
      this.batchSize = batchSize;
      this.firstBatchSeed = firstBatchSeed;
    }

    @Override
    public Iterator<DataSet> call(Integer worker, Iterator<WorkerPart> part) {
      int[] batches = round[worker];
      if (batches.length == 0) {
        return Collections.emptyIterator();
      }
      var spec = trial.experiment().train();
      BatchSource source = new BatchSource(part.next().rows(), data.value().transform(), spec.augment());
      int[] order = source.epochOrder(Seeds.derive(trial.seed(), WORKER_STREAM + worker), epoch, spec.shuffle());
      ReusedBatches reused = new ReusedBatches(source);
      int workers = round.length;
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < batches.length;
        }

        @Override
        public DataSet next() {
          int b = batches[next++];
          int from = (b / workers) * batchSize;
          int to = Math.min(order.length, from + batchSize);
          return layout.arrange(reused.batch(order, from, to, firstBatchSeed + b));
        }
      };
    }
  }
}
