package io.troupe.driver.parallel;

import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.trial.TrialSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where a data-parallel trial's workers find their mini-batches: cut from data broadcast to every
 * executor ({@link BroadcastRounds}), or from the worker's own share of a partitioned spark source
 * cached on its executor ({@link PartitionRounds}).
 */
interface RoundData {

  static RoundData of(JavaSparkContext spark, Broadcast<DataSplits> data, TrialSpec trial, ExperimentSpec spec,
      int batchSize) {
    return data.value().partitioned() != null
        ? new PartitionRounds(data, trial, spec, batchSize)
        : new BroadcastRounds(spark, data, trial, spec, batchSize);
  }

  /** The rows an epoch trains on, across the workers. */
  int trainRows();

  /** The mini-batches of one epoch, across the workers, numbered as {@code io.troupe.train.AveragingRounds} deals them. */
  int batchesPerEpoch();

  /** One averaging round: partition w holds worker w's batches {@code round[w]}, cut as the worker asks for them. */
  JavaRDD<DataSet> round(int[][] round, InputLayout layout, int epoch, long firstBatchSeed);
}
