package io.troupe.driver.ensemble;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunInvocation;
import org.apache.hadoop.conf.Configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.ensemble.ComparisonRow;
import io.troupe.trial.TrialStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every strategy end to end on real local Spark with 2 slots and seeded synthetic data. */
class EnsembleRunnerTest {
  private static final String CONFIG = """
      name: ensembles
      seed: 3
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 500, testSize: 300, features: 8, classes: 3, clusterStd: 3.0}}
      model: {hidden: [12], activation: relu, init: he, batchNorm: true}
      train: {epochs: 4, batchSize: 25, optimizer: {type: adam, lr: 0.01}, monitor: {enabled: false}}
      ensemble:
        strategies: [single, true, bagging, snapshots, snapshots-control, swa, ema, soup]
        members: 3
        combiners: [average, vote, weighted-vote, parameter-average]
        snapshots: {count: 3, startEpoch: 1.0}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.start(spec(), "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(CONFIG, "ensembles.yaml", null, List.of(sets));
  }

  static EnsembleOutcome run(ExperimentSpec spec, Path dir, boolean resume) throws Exception {
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    SweepProgress quiet = new SweepProgress(new PrintStream(new ByteArrayOutputStream()), "val_accuracy",
        spec.objectiveDirection());
    try (RunDirectory run = open(spec, splits, dir, resume)) {
      return new EnsembleRunner(spec, splits, spark, run, quiet, Set.copyOf(spec.ensemble().strategies()), "comparison")
          .run();
    }
  }

  private static RunDirectory open(ExperimentSpec spec, DataSplits splits, Path dir, boolean resume) throws Exception {
    return RunDirectory.openFor(spec, splits.sourceFingerprint(), RunInvocation.of("compare"), dir.toString(),
        new Configuration(), resume);
  }

  private static ComparisonRow row(EnsembleOutcome o, String strategy, String combiner) {
    return o.table().rows().stream().filter(r -> r.strategy().equals(strategy) && r.combiner().equals(combiner))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + strategy + "/" + combiner));
  }

  @Test
  void everyStrategyIsBuiltScoredAndAccountedFor() throws Exception {
    ExperimentSpec spec = spec();
    EnsembleOutcome o = run(spec, dir, false);
    assertFalse(o.stoppedOnFailures(), o.stopReason());

    Set<String> rows = o.table().rows().stream().map(r -> r.strategy() + "/" + r.combiner()).collect(Collectors.toSet());
    Set<String> expected = new HashSet<>(Set.of("single/-", "independent-average/parameter-average",
        "snapshots/parameter-average", "snapshots-control/parameter-average", "swa/parameter-average",
        "ema/parameter-average", "soup/parameter-average"));
    for (String s : List.of("true", "bagging", "snapshots", "snapshots-control")) {
      for (String c : List.of("average", "vote", "weighted-vote")) {
        expected.add(s + "/" + c);
      }
    }
    assertEquals(expected, rows);

    Map<String, StoredTrial> trials = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(Set.of("member-01", "member-02", "member-03", "bag-01", "bag-02", "bag-03", "snapshots",
        "snapshots-control", "soup-base", "soup-01", "soup-02", "soup-03"), trials.keySet());
    trials.values().forEach(t -> assertEquals(TrialStatus.COMPLETED, t.status(), t.trialId()));

    // The baseline row is member-01's own test score; the true ensemble's members are member-01..03.
    assertEquals(trials.get("member-01").metric("test_accuracy"), row(o, "single", "-").figure("accuracy"), 1e-12);
    double meanMember = List.of("member-01", "member-02", "member-03").stream()
        .mapToDouble(id -> trials.get(id).metric("test_accuracy")).average().orElseThrow();
    ComparisonRow trueAverage = row(o, "true", "average");
    assertEquals(meanMember, trueAverage.figure("mean_member_accuracy"), 1e-12);
    assertTrue(trueAverage.figure("oracle_accuracy") >= trueAverage.figure("accuracy"));
    assertEquals(trials.get("member-01").metric("swa_test_accuracy"), row(o, "swa", "parameter-average").figure("accuracy"), 1e-12);

    // Compute and storage: 4 epochs per run, bootstrap samples of the full size, soup base of 2 epochs.
    assertEquals(12, trueAverage.trainEpochs());
    assertEquals(3, trueAverage.modelsStored());
    assertEquals(3, trueAverage.inferencePasses());
    assertEquals(12, row(o, "bagging", "vote").trainEpochs());
    assertEquals(4, row(o, "snapshots", "average").trainEpochs());
    assertEquals(3, row(o, "snapshots", "average").members());
    ComparisonRow snapshotAverage = row(o, "snapshots", "parameter-average");
    assertEquals(2, snapshotAverage.modelsStored());
    assertEquals(1, snapshotAverage.inferencePasses());
    assertEquals(2 + 2 * 3, row(o, "soup", "parameter-average").trainEpochs());
    assertEquals(2, row(o, "swa", "parameter-average").members(), "epochs 2 and 3 of 4 were averaged");

    // Bagging reports its out-of-bag estimate; only votes report ties.
    double oob = row(o, "bagging", "average").figure("oob_accuracy");
    assertTrue(oob > 0.5 && oob <= 1, "oob " + oob);
    assertTrue(Double.isNaN(trueAverage.figure("ties")));
    assertTrue(row(o, "true", "vote").figure("ties") >= 0);

    // Intervals on every row; every row but the baseline tested against it on the same examples.
    ComparisonRow single = row(o, "single", "-");
    assertTrue(single.figure("accuracy_low") <= single.figure("accuracy")
        && single.figure("accuracy") <= single.figure("accuracy_high"), single.figures().toString());
    assertTrue(Double.isNaN(single.figure("accuracy_p")), "the baseline is not tested against itself");
    for (ComparisonRow r : o.table().rows()) {
      if (r != single) {
        assertTrue(r.figure("accuracy_p") > 0 && r.figure("accuracy_p") <= 1 && r.figure("nll_p") > 0, r.label());
      }
    }

    assertEquals(o.table().toCsv(), Files.readString(dir.resolve("comparison.csv")));
    assertTrue(Files.readString(dir.resolve("comparison.md")).startsWith("| strategy | combiner |"));
    List<String> curve = Files.readAllLines(dir.resolve("members-curve.csv"));
    assertEquals("strategy,combiner,members,accuracy,mse", curve.get(0));
    assertTrue(curve.contains("true,average,3," + trueAverage.figure("accuracy") + ","), curve.toString());
    assertTrue(Files.exists(dir.resolve("artifacts/ensembles/snapshots-average.zip")));

    // Resumed, nothing is trained again and the numbers are the same (the bootstrap is seeded);
    // scored distributed (every test part counts as large), they are the same too.
    long lines = Files.readAllLines(dir.resolve("trials.jsonl")).size();
    EnsembleOutcome again = run(spec(), dir, true);
    assertEquals(lines, Files.readAllLines(dir.resolve("trials.jsonl")).size());
    assertEquals(o.table().toCsv(), again.table().toCsv());
    EnsembleOutcome distributed = run(spec("ensemble.distributedScoringAbove=1"), dir, true);
    assertEquals(o.table().toCsv(), distributed.table().toCsv());
  }

  @Test
  void aUsersComputationGraphGoesThroughEveryStrategyAndCombiner() throws Exception {
    // The residual MLP factory of worker-model's tests, with batch norm, so averaged graphs re-estimate it.
    ExperimentSpec spec = spec("model.type=factory", "model.factory=io.troupe.testing.nets.ResidualMlp",
        "model.params.width=12", "model.params.blocks=2", "model.params.batchNorm=true", "model.batchNorm=false",
        "train.averaging.emaDecay=0.9");
    EnsembleOutcome o = run(spec, dir, false);
    assertFalse(o.stoppedOnFailures(), o.stopReason());
    Set<String> combiners = o.table().rows().stream().map(ComparisonRow::combiner).collect(Collectors.toSet());
    assertEquals(Set.of("-", "average", "vote", "weighted-vote", "parameter-average"), combiners);
    Set<String> strategies = o.table().rows().stream().map(ComparisonRow::strategy).collect(Collectors.toSet());
    assertEquals(Set.of("single", "true", "independent-average", "bagging", "snapshots", "snapshots-control", "swa",
        "ema", "soup"), strategies);
    Map<String, StoredTrial> trials = ResultStore.open(new LocalArtifactStore(dir)).latest();
    trials.values().forEach(t -> assertEquals(TrialStatus.COMPLETED, t.status(), t.trialId()));
    for (ComparisonRow r : o.table().rows()) {
      // Averaging independently initialised graphs is the seeds' negative control: no floor for it.
      if (!r.strategy().equals("independent-average")) {
        assertTrue(r.figure("accuracy") > 0.5, r.strategy() + "/" + r.combiner() + " " + r.figure("accuracy"));
      }
    }
    assertTrue(io.troupe.artifacts.ModelArtifacts.load(new LocalArtifactStore(dir.resolve("artifacts")),
        "ensembles/snapshots-average.zip", false) instanceof org.deeplearning4j.nn.graph.ComputationGraph);
    EnsembleOutcome distributed = run(ExperimentSpec.class.cast(io.troupe.config.ConfigLoader.withValues(spec,
        Map.of("ensemble.distributedScoringAbove", 1))), dir, true);
    assertEquals(o.table().toCsv(), distributed.table().toCsv(), "graphs scored across tasks give the same numbers");
  }

  @Test
  void shardMembersSplitTheTrainingPartAndAreCombinedEveryWay() throws Exception {
    ExperimentSpec spec = spec("ensemble.strategies=[single, shards, shards-shared-init]", "ensemble.shards=2",
        "ensemble.combiners=[average, vote]");
    EnsembleOutcome o = run(spec, dir, false);
    assertFalse(o.stoppedOnFailures(), o.stopReason());
    Set<String> rows = o.table().rows().stream().map(r -> r.strategy() + "/" + r.combiner()).collect(Collectors.toSet());
    assertEquals(Set.of("single/-", "shards/average", "shards/vote", "shards/parameter-average",
        "shards-shared-init/average", "shards-shared-init/vote", "shards-shared-init/parameter-average"), rows,
        "shards are always parameter-averaged too, whatever ensemble.combiners says");
    Map<String, StoredTrial> trials = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(Set.of("member-01", "shard-01", "shard-02", "shard-init-01", "shard-init-02"), trials.keySet());
    int trainRows = DataLoader.load(spec.data(), spec.dataSeed()).train().size();
    for (String id : List.of("shard-01", "shard-02", "shard-init-01", "shard-init-02")) {
      double rowsTrained = trials.get(id).metric("train_rows");
      assertTrue(Math.abs(rowsTrained - trainRows / 2.0) <= 0.5, id + " trained on " + rowsTrained + " of " + trainRows);
    }
    assertTrue(seed(trials.get("shard-01")) != seed(trials.get("shard-02")), "shards: each member its own start");
    assertEquals(seed(trials.get("shard-init-01")), seed(trials.get("shard-init-02")), "shards-shared-init: one start");
    // Shard k holds the same rows in both strategies; with one start they differ only in the rows.
    assertEquals(trials.get("shard-01").metric("train_rows"), trials.get("shard-init-01").metric("train_rows"));
    for (ComparisonRow r : o.table().rows()) {
      if (r.strategy().startsWith("shards")) {
        assertEquals(4, r.trainEpochs(), r.label() + ": 2 members on half the data each cost one member's 4 epochs");
      }
    }
    // One-shot averaging of members from one start keeps a working network.
    assertTrue(row(o, "shards-shared-init", "parameter-average").figure("accuracy") > 0.5);
    assertTrue(Files.exists(dir.resolve("artifacts/ensembles/shards-shared-init-average.zip")));
  }

  private static long seed(StoredTrial t) {
    return t.json().get("seed").asLong();
  }

  @Test
  void regressionComparesAveragesByMse() throws Exception {
    ExperimentSpec spec = spec("data.task=regression", "ensemble.strategies=[single, true]",
        "ensemble.combiners=[average, parameter-average]", "ensemble.members=2");
    EnsembleOutcome o = run(spec, dir, false);
    assertEquals(List.of("single/-", "true/average", "independent-average/parameter-average"),
        o.table().rows().stream().map(r -> r.strategy() + "/" + r.combiner()).toList());
    for (ComparisonRow r : o.table().rows()) {
      assertTrue(r.figure("mse") >= 0 && Double.isNaN(r.figure("accuracy")), r.toString());
    }
    assertTrue(Files.readString(dir.resolve("members-curve.csv")).contains("true,average,2,,"));
  }

  @Test
  void onlyTheRequestedStrategyIsTrainedBesideTheBaseline() throws Exception {
    ExperimentSpec spec = spec("ensemble.strategies=[single]");
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    SweepProgress quiet = new SweepProgress(new PrintStream(new ByteArrayOutputStream()), "val_accuracy",
        spec.objectiveDirection());
    EnsembleOutcome o;
    try (RunDirectory run = open(spec, splits, dir, false)) {
      o = new EnsembleRunner(spec, splits, spark, run, quiet, Set.of(EnsembleStrategy.SNAPSHOTS), "ensemble-snapshots")
          .run();
    }
    assertEquals(Set.of("member-01", "snapshots"), ResultStore.open(new LocalArtifactStore(dir)).latest().keySet());
    assertTrue(Files.exists(dir.resolve("ensemble-snapshots.csv")));
    assertEquals(Set.of("single", "snapshots"), o.table().rows().stream().map(ComparisonRow::strategy)
        .collect(Collectors.toSet()));
  }
}
