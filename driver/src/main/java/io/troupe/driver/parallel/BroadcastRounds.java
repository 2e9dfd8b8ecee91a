package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.train.TrialSources;
import io.troupe.trial.TrialSpec;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Batches cut on each executor from the broadcast training rows ({@link RoundBatches}): any worker
 * can cut any batch, so one epoch's shuffled order is dealt across all of them, exactly as a
 * one-task trial walks it. Only batch indices cross the wire.
 */
final class BroadcastRounds implements RoundData {
  private final JavaSparkContext spark;
  private final Broadcast<DataSplits> data;
  private final TrialSpec trial;
  private final int batchSize;
  private final int trainRows;

  BroadcastRounds(JavaSparkContext spark, Broadcast<DataSplits> data, TrialSpec trial, ExperimentSpec spec,
      int batchSize) {
    this.spark = spark;
    this.data = data;
    this.trial = trial;
    this.batchSize = batchSize;
    this.trainRows = TrialSources.training(data.value(), trial, spec).size();
  }

  @Override
  public int trainRows() {
    return trainRows;
  }

  @Override
  public int batchesPerEpoch() {
    return (trainRows + batchSize - 1) / batchSize;
  }

  @Override
  public JavaRDD<DataSet> round(int[][] round, InputLayout layout, int epoch, long firstBatchSeed) {
    return spark.parallelize(Arrays.asList(round), round.length)
        .mapPartitions(new RoundBatches(data, trial, layout, epoch, batchSize, firstBatchSeed));
  }
}
