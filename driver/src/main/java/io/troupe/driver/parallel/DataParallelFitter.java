package io.troupe.driver.parallel;

import io.troupe.config.DistributedSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.model.Network;
import io.troupe.train.AveragingRounds;
import io.troupe.train.EpochFitter;
import io.troupe.trial.TrialSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A data-parallel trial's epochs, trained across executors by dl4j-spark's parameter averaging
 * ({@link ParameterAveragingTrainingMaster}, RDDTrainingApproach.Direct).
 *
 * <p>Each averaging round is one {@code fit} of an RDD with exactly one partition per worker,
 * holding that worker's mini-batches ({@link AveragingRounds}), cut on the executors from the data
 * already there ({@link RoundData}: broadcast, or a partitioned spark source's cached shares). As every round's RDD is
 * no larger than one of the training master's splits, it never splits or repartitions it: no
 * shuffle, the same batches on the same worker on every run, and a worker per partition. The
 * master broadcasts the network's parameters and optimiser state, each worker trains its batches,
 * and the master averages both back into the driver's network.
 */
public final class DataParallelFitter implements EpochFitter {
  private final JavaSparkContext spark;
  private final RoundData data;
  private final TrialSpec trial;
  private final DistributedSpec distributed;
  private final AveragingRounds rounds;
  private final RoundTrainingMaster master;
  private final Traffic traffic = new Traffic();
  private SparkDl4jMultiLayer stack;
  private SparkComputationGraph graph;

  public DataParallelFitter(JavaSparkContext spark, Broadcast<DataSplits> data, TrialSpec trial, ExperimentSpec spec) {
    this.spark = spark;
    this.trial = trial;
    this.distributed = spec.train().distributed();
    int batchSize = distributed.batchSize(spec.train().batchSize());
    this.data = RoundData.of(spark, data, trial, spec, batchSize);
    this.rounds = new AveragingRounds(distributed.workers(), distributed.averagingFrequency());
    this.master = new RoundTrainingMaster(new ParameterAveragingTrainingMaster.Builder(distributed.workers(), batchSize)
        .batchSizePerWorker(batchSize)
        .averagingFrequency(distributed.averagingFrequency())
        .saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .repartionData(Repartition.Never)
        .storageLevel(null) // a round's batches are cut once, on the worker that trains them
        .workerPrefetchNumBatches(0) // RoundBatches refills one batch array: a batch is asked for after the last step
        .trainingHooks(new WorkerSetup(trial.seed(), distributed.workers())));
  }

  @Override
  public int iterationsPerEpoch() {
    return rounds.stepsPerEpoch(data.batchesPerEpoch());
  }

  @Override
  public int trainRows() {
    return data.trainRows();
  }

  @Override
  public FittedEpoch fitEpoch(Network net, int epoch, long firstIteration) {
    List<int[][]> plan = rounds.plan(data.batchesPerEpoch());
    double[] losses = new double[plan.size()];
    int[] steps = new int[plan.size()];
    long step = firstIteration;
    long firstBatchSeed = trial.seed() + (long) epoch * data.batchesPerEpoch();
    for (int r = 0; r < plan.size(); r++) {
      int[][] round = plan.get(r);
      JavaRDD<DataSet> batches = data.round(round, net.layout(), epoch, firstBatchSeed);
      master.nextRound(Arrays.stream(round).mapToLong(w -> w.length).sum());
      losses[r] = fit(net, batches);
      steps[r] = AveragingRounds.steps(round);
      step += steps[r];
      // The master counts averagingFrequency steps a round; a short last round took fewer, and
      // schedules read the count.
      net.setCounts(net.epochCount(), (int) step);
      traffic.afterRound(net, active(round));
    }
    return new FittedEpoch(losses, steps);
  }

  /** Rounds and bytes moved so far, for the trial's record. */
  @Override
  public java.util.Map<String, Double> metrics() {
    return traffic.metrics();
  }

  private double fit(Network net, JavaRDD<DataSet> batches) {
    if (net.model() instanceof MultiLayerNetwork m) {
      if (stack == null) {
        stack = new SparkDl4jMultiLayer(spark, m, master);
      }
      stack.fit(batches);
      return stack.getScore();
    }
    if (graph == null) {
      graph = new SparkComputationGraph(spark, (ComputationGraph) net.model(), master);
    }
    graph.fit(batches);
    return graph.getScore();
  }

  private static int active(int[][] round) {
    return (int) Arrays.stream(round).filter(w -> w.length > 0).count();
  }
}
