package io.troupe.driver.parallel;

import org.apache.spark.api.java.JavaRDDLike;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/**
 * dl4j-spark's parameter-averaging master, told each round's size instead of counting it: the
 * master runs a Spark job to count the RDD before every fit only to decide how to split it, and a
 * round's RDD is one split by construction (one partition per worker, at most averagingFrequency
 * batches each), so that job would cost a round one job's latency for a number already known.
 */
final class RoundTrainingMaster extends ParameterAveragingTrainingMaster {
  private static final long serialVersionUID = 1L;

  private long roundBatches = -1;

  RoundTrainingMaster(Builder builder) {
    super(builder);
  }

  /** The number of mini-batches in the RDD the next fit trains. */
  void nextRound(long batches) {
    roundBatches = batches;
  }

  @Override
  protected <T, R extends JavaRDDLike<T, R>> long getTotalDataSetObjectCount(JavaRDDLike<T, R> trainingData) {
    if (roundBatches < 0) {
      throw new IllegalStateException("the round's size was not given before fit");
    }
    long batches = roundBatches;
    roundBatches = -1;
    return batches;
  }
}
