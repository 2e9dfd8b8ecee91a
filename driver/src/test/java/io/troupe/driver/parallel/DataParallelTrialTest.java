package io.troupe.driver.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel trials on real local Spark with 2 task slots: dl4j-spark's parameter averaging, end to end. */
class DataParallelTrialTest {
  private static final String CONFIG = """
      name: data-parallel
      seed: 5
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 600, testSize: 200, features: 8, classes: 3, clusterStd: 2.5}}
      model: {hidden: [16], activation: relu, init: he}
      train:
        epochs: 2
        batchSize: 20
        optimizer: {type: adam, lr: 0.01}
        distributed: {mode: data-parallel, workers: 2, averagingFrequency: 3}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.start(spec(), "local[2]");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(CONFIG, "data-parallel.yaml", null, List.of(sets));
  }

  private TrialResult.Completed run(ExperimentSpec spec, String id) throws Exception {
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    try (TrialDispatcher dispatcher = new TrialDispatcher(jsc, splits, dir.resolve("artifacts").toString(), 1)) {
      dispatcher.submit(TrialSpec.of(spec, id, Map.of()));
      TrialResult r = dispatcher.next();
      return assertInstanceOf(TrialResult.Completed.class, r, r.toString());
    }
  }

  @Test
  void twoWorkersTrainOneNetworkAndTheRecordSaysWhatMoved() throws Exception {
    TrialResult.Completed r = run(spec(), "dp");
    Map<String, Double> m = r.info().metrics();
    assertTrue(m.get("val_accuracy") > 0.8, m.toString());
    assertEquals(2, r.info().history().size());
    // 540 training rows (600 less the 10% validation) in batches of 20: 27 a epoch, rounds of 2 x 3.
    int batches = (int) Math.ceil(m.get("train_rows") / 20);
    int roundsPerEpoch = (int) Math.ceil(batches / 6.0);
    assertEquals(2.0 * roundsPerEpoch, m.get("dp_rounds"));
    assertTrue(m.get("dp_bytes_broadcast") > 0 && m.get("dp_bytes_returned").equals(m.get("dp_bytes_broadcast")));
    assertTrue(r.info().artifacts().containsKey("model"), r.info().artifacts().toString());

    TrialResult.Completed again = run(spec(), "dp");
    assertEquals(m.get("val_loss"), again.info().metrics().get("val_loss"), "the same seed, the same numbers");
    assertEquals(m.get("test_accuracy"), again.info().metrics().get("test_accuracy"));
  }

  @Test
  void aSweepOfDataParallelTrialsRunsSlotsOverWorkersAtOnceAndRanksThem() throws Exception {
    ExperimentSpec spec = spec("search.strategy=random", "search.trials=2", "train.epochs=1",
        "search.space={train.optimizer.lr: {logUniform: [1.0e-3, 3.0e-2]}}");
    assertEquals(1, io.troupe.driver.sweep.SweepRunnerAccess.slots(spec, jsc), "2 task slots / 2 workers");
    assertTrue(io.troupe.driver.sweep.SweepRunnerAccess.workersNote(spec, jsc).isEmpty());
    assertEquals("train.distributed.workers is 3 but Spark offers 2 task slots: each round runs some workers after"
        + " the others; set workers to 2 or add executors",
        io.troupe.driver.sweep.SweepRunnerAccess.workersNote(spec("train.distributed.workers=3"), jsc).orElseThrow());
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    io.troupe.driver.sweep.SweepProgress quiet = new io.troupe.driver.sweep.SweepProgress(
        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), "val_accuracy", spec.objectiveDirection());
    io.troupe.driver.sweep.SweepOutcome outcome;
    try (io.troupe.driver.store.RunDirectory run = io.troupe.driver.store.RunDirectory.openFor(spec,
        splits.sourceFingerprint(), io.troupe.driver.store.RunInvocation.of("sweep"), dir.toString(),
        new org.apache.hadoop.conf.Configuration(), false)) {
      outcome = new io.troupe.driver.sweep.SweepRunner(spec, splits, spark, run, quiet).run();
    }
    assertEquals(2, outcome.ranked().size());
    outcome.ranked().forEach(t -> {
      assertEquals(io.troupe.trial.TrialStatus.COMPLETED, t.status(), t.trialId());
      assertTrue(t.metric("dp_rounds") > 0, t.trialId() + " trained data-parallel");
    });
  }

  @Test
  void aUsersComputationGraphTrainsDataParallelToo() throws Exception {
    TrialResult.Completed r = run(spec("model.type=factory", "model.factory=io.troupe.testing.nets.ResidualMlp",
        "model.params.width=12", "model.params.blocks=1", "train.epochs=1"), "graph");
    assertTrue(r.info().metrics().get("dp_rounds") > 0 && r.info().metrics().get("val_accuracy") > 0.6,
        r.info().metrics().toString());
  }

  @Test
  void oneWorkerAveragingOnceAnEpochTrainsAsOneTaskDoes() throws Exception {
    // One worker, every batch in one round: the same steps in the same order as a one-task trial.
    // dl4j-spark's workers train DL4J's dense layers, so the one-task trial multiplies on OpenBLAS too.
    TrialResult.Completed parallel;
    TrialResult.Completed local;
    System.setProperty(io.troupe.model.NativeBackend.ONEDNN_GEMM, "false");
    try {
      parallel = run(spec("train.distributed.workers=1", "train.distributed.averagingFrequency=100"), "t");
      local = run(spec("train.distributed.mode=none"), "t");
    } finally {
      System.clearProperty(io.troupe.model.NativeBackend.ONEDNN_GEMM);
    }
    // Bit for bit: the worker steps with the trainer's own (vectorised) Adam, as a one-task trial does.
    assertEquals(local.info().metrics().get("val_loss"), parallel.info().metrics().get("val_loss"));
    assertEquals(local.info().metrics().get("test_loss"), parallel.info().metrics().get("test_loss"));
  }
}
