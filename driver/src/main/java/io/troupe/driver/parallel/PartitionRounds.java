package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.TrainSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.FeatureTransform;
import io.troupe.data.Seeds;
import io.troupe.driver.data.PartitionedTraining;
import io.troupe.driver.data.WorkerPart;
import io.troupe.train.BatchSource;
import io.troupe.train.ReusedBatches;
import io.troupe.trial.TrialSpec;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
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

  private final FeatureTransform transform;
  private final JavaRDD<WorkerPart> parts;
  private final TrialSpec trial;
  private final int batchSize;
  private final int workers;
  private final int trainRows;

  PartitionRounds(Broadcast<DataSplits> data, TrialSpec trial, ExperimentSpec spec, int batchSize) {
    DataSplits splits = data.value();
    // The workers need only the scaling (a few KB, sent with each task), not the driver's rows.
    this.transform = splits.transform();
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
    return parts.mapPartitionsWithIndex(new WorkerBatches(transform, trial, layout, round, epoch, batchSize,
        firstBatchSeed), true);
  }

  /** The last trial's train section on this executor: parsed once, not once a round. */
  private static volatile Map.Entry<String, TrainSpec> lastTrainSpec;

  private static TrainSpec trainSpec(TrialSpec trial) {
    Map.Entry<String, TrainSpec> last = lastTrainSpec;
    if (last == null || !last.getKey().equals(trial.configYaml())) {
      last = Map.entry(trial.configYaml(), trial.experiment().train());
      lastTrainSpec = last;
    }
    return last.getValue();
  }

  /** On the executor holding part w: worker w's batches of the round. */
  private static final class WorkerBatches implements Function2<Integer, Iterator<WorkerPart>, Iterator<DataSet>> {
    private static final long serialVersionUID = 1L;
    private final FeatureTransform transform;
    private final TrialSpec trial;
    private final InputLayout layout;
    private final int[][] round;
    private final int epoch;
    private final int batchSize;
    private final long firstBatchSeed;

    WorkerBatches(FeatureTransform transform, TrialSpec trial, InputLayout layout, int[][] round, int epoch,
        int batchSize, long firstBatchSeed) {
      this.transform = transform;
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
      TrainSpec spec = trainSpec(trial);
      BatchSource source = new BatchSource(part.next().rows(), transform, spec.augment());
      int[] order = source.epochOrder(Seeds.derive(trial.seed(), WORKER_STREAM + worker), epoch, spec.shuffle());
      int workers = round.length;
      // Global batch b is this worker's local batch b / workers.
      return new CutBatches(batches, b -> b / workers, order, batchSize, new ReusedBatches(source), layout,
          firstBatchSeed);
    }
  }
}
