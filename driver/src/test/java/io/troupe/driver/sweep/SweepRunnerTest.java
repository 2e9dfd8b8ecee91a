package io.troupe.driver.sweep;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunInvocation;
import org.apache.hadoop.conf.Configuration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ParamDomain;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.CoarseToFine;
import io.troupe.search.ScoredTrial;
import io.troupe.trial.TrialStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps end to end on real local Spark with 2 slots and seeded synthetic data. */
class SweepRunnerTest {
  private static final String CONFIG = """
      name: sweep-test
      seed: 11
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 400, testSize: 100, features: 6, classes: 3, clusterStd: 3.0}}
      model: {hidden: [8], activation: tanh, init: xavier}
      train: {epochs: 2, batchSize: 40, optimizer: {type: sgd, lr: 0.1}, monitor: {trainEvalExamples: 100, probeExamples: 32}}
      search:
        strategy: random
        trials: 6
        space:
          train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}
          model.hidden: {choice: [[4], [8]]}
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
    return ConfigLoader.parse(CONFIG, "sweep.yaml", null, List.of(sets));
  }

  private static SweepOutcome sweep(ExperimentSpec spec, Path dir, boolean resume) throws Exception {
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    SweepProgress progress = new SweepProgress(new PrintStream(new ByteArrayOutputStream()), "val_accuracy",
        spec.objectiveDirection());
    try (RunDirectory run = RunDirectory.openFor(spec, splits.sourceFingerprint(), RunInvocation.of("sweep"),
        dir.toString(), new Configuration(), resume)) {
      return new SweepRunner(spec, splits, spark, run, progress).run();
    }
  }

  private static Map<String, Double> objectives(Path dir) throws Exception {
    Map<String, Double> out = new TreeMap<>();
    ResultStore.open(new LocalArtifactStore(dir)).latest().forEach((id, t) -> out.put(id, t.metric("val_loss")));
    return out;
  }

  @Test
  void aRandomSweepRecordsEveryTrialRanksThemAndWritesABestConfig() throws Exception {
    SweepOutcome outcome = sweep(spec("spark.conf={spark.hadoop.fs.s3a.secret.key: hunter2}"), dir, false);
    assertFalse(Files.readString(Path.of(outcome.bestConfig())).contains("hunter2"), "results never hold a secret");
    List<String> lines = Files.readAllLines(dir.resolve("trials.jsonl"));
    assertEquals(6, lines.size());
    assertEquals(6, outcome.ranked().size());
    double best = outcome.ranked().get(0).metric("val_accuracy");
    outcome.ranked().forEach(t -> assertTrue(!(t.metric("val_accuracy") > best), "ranked best first"));
    assertNotNull(outcome.bestConfig());
    ExperimentSpec bestSpec = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals(outcome.ranked().get(0).params().get("train.optimizer.lr"), bestSpec.train().optimizer().lr());
    assertEquals(io.troupe.config.SearchStrategy.NONE, bestSpec.search().strategy());
    assertTrue(Files.isDirectory(dir.resolve("trials.parquet")), "Parquet copy through Spark SQL");
    assertEquals(6, spark.read().parquet(dir.resolve("trials.parquet").toString()).count());
  }

  @Test
  void theSamePerTrialResultsWithOneAndTwoSlots() throws Exception {
    sweep(spec("spark.slots=1"), dir.resolve("one"), false);
    sweep(spec("spark.slots=2"), dir.resolve("two"), false);
    Map<String, Double> one = objectives(dir.resolve("one"));
    assertEquals(6, one.size());
    assertEquals(one, objectives(dir.resolve("two")));
  }

  @Test
  void anEarlierRunIsNeverOverwrittenWithoutResume() throws Exception {
    sweep(spec("search.trials=2"), dir, false);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> sweep(spec("search.trials=2"), dir, false));
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertEquals(2, Files.readAllLines(dir.resolve("trials.jsonl")).size());
  }

  @Test
  void resumeRunsOnlyWhatDidNotEndAndRerunsFailures() throws Exception {
    Path reference = dir.resolve("reference");
    sweep(spec(), reference, false);
    List<String> all = Files.readAllLines(reference.resolve("trials.jsonl"));
    // A crash after three trials: their lines, a torn fourth line, and one earlier FAILED attempt.
    Path crashed = dir.resolve("crashed");
    Files.createDirectories(crashed);
    String failedT5 = all.stream().filter(l -> l.contains("\"trialId\":\"t0005\"")).findFirst().orElseThrow()
        .replace("\"status\":\"COMPLETED\"", "\"status\":\"FAILED\"");
    Files.writeString(crashed.resolve("trials.jsonl"), String.join("\n", all.subList(0, 3)) + "\n" + failedT5
        + "\n" + all.get(3).substring(0, 40));
    sweep(spec(), crashed, true);
    ResultStore store = ResultStore.open(new LocalArtifactStore(crashed));
    List<String> lines = Files.readAllLines(crashed.resolve("trials.jsonl"));
    assertEquals(7, lines.size(), "3 kept + 1 failed + 3 run now (t0004, t0005 again, t0006); none twice");
    for (StoredTrial t : store.latest().values()) {
      assertEquals(TrialStatus.COMPLETED, t.status(), t.trialId());
    }
    assertEquals(objectives(reference), objectives(crashed), "resumed results equal an uninterrupted run");
  }

  @Test
  void repeatsWithPairedSeedsShareSeedsAcrossConfigurationsAndRankByTheMean() throws Exception {
    ExperimentSpec spec = spec("search.strategy=grid", "search.space={train.optimizer.lr: {choice: [0.02, 0.3]}}",
        "search.repeats=3", "search.pairedSeeds=true");
    SweepOutcome outcome = sweep(spec, dir, false);
    Map<String, StoredTrial> trials = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(List.of("t0001-rep1", "t0001-rep2", "t0001-rep3", "t0002-rep1", "t0002-rep2", "t0002-rep3"),
        List.copyOf(new TreeMap<>(trials).keySet()));
    for (int r = 1; r <= 3; r++) {
      assertEquals(seed(trials.get("t0001-rep" + r)), seed(trials.get("t0002-rep" + r)), "repeat " + r + " is paired");
    }
    assertTrue(seed(trials.get("t0001-rep1")) != seed(trials.get("t0001-rep2")), "repeats differ in their seed");
    // Ranked by the mean: the better configuration's three repeats come first, whatever its single best trial.
    List<io.troupe.search.ConfigurationScore> configurations = Leaderboard.configurations(
        List.copyOf(trials.values()), "val_accuracy", spec.objectiveDirection());
    String best = configurations.get(0).configurationId();
    assertTrue(configurations.get(0).mean() >= configurations.get(1).mean());
    outcome.ranked().subList(0, 3).forEach(t -> assertTrue(t.trialId().startsWith(best + "-rep"), t.trialId()));
    ExperimentSpec bestSpec = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals(configurations.get(0).params().get("train.optimizer.lr"), bestSpec.train().optimizer().lr());

    Path unpaired = dir.resolve("unpaired");
    sweep(spec("search.strategy=grid", "search.space={train.optimizer.lr: {choice: [0.02, 0.3]}}", "search.repeats=2"),
        unpaired, false);
    Map<String, StoredTrial> separate = ResultStore.open(new LocalArtifactStore(unpaired)).latest();
    assertTrue(seed(separate.get("t0001-rep1")) != seed(separate.get("t0002-rep1")), "unpaired: each trial its own seed");
  }

  private static long seed(StoredTrial t) {
    return t.json().get("seed").asLong();
  }

  @Test
  void aTpeSweepRunsItsTrialsOnSparkAndItsBestConfigIsRunnable() throws Exception {
    SweepOutcome outcome = sweep(spec("search.strategy=tpe", "search.trials=6", "search.tpe={startupTrials: 3}"), dir,
        false);
    Map<String, StoredTrial> trials = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(6, trials.size());
    trials.values().forEach(t -> assertEquals(TrialStatus.COMPLETED, t.status(), t.trialId()));
    ExperimentSpec best = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals(outcome.ranked().get(0).params().get("train.optimizer.lr"), best.train().optimizer().lr());
  }

  @Test
  void coarseToFineNarrowsAroundTheFirstStagesBest() throws Exception {
    ExperimentSpec spec = spec("search.strategy=coarse-to-fine",
        "search.stages=[{trials: 6, epochs: 1}, {trials: 4, epochs: 2, topK: 3, margin: 0.1}]");
    SweepOutcome outcome = sweep(spec, dir, false);
    ExperimentSpec best = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals(outcome.ranked().get(0).trialId().startsWith("s1-") ? 1 : 2, best.train().epochs(),
        "best.yaml trains for the epochs of the best trial's stage");
    ResultStore store = ResultStore.open(new LocalArtifactStore(dir));
    List<ScoredTrial> stage1 = new ArrayList<>();
    List<StoredTrial> stage2 = new ArrayList<>();
    for (StoredTrial t : store.latest().values()) {
      if (t.trialId().startsWith("s1-")) {
        stage1.add(new ScoredTrial(t.trialId(), t.params(), t.metric("val_accuracy")));
      } else {
        stage2.add(t);
      }
    }
    assertEquals(6, stage1.size());
    assertEquals(4, stage2.size());
    Map<String, ParamDomain> narrowed = CoarseToFine.narrow(spec.search().space(), stage1, 3, 0.1,
        spec.objectiveDirection());
    ParamDomain.LogUniform lr = (ParamDomain.LogUniform) narrowed.get("train.optimizer.lr");
    ParamDomain.LogUniform original = (ParamDomain.LogUniform) spec.search().space().get("train.optimizer.lr");
    assertTrue(lr.high() / lr.low() < original.high() / original.low(), "the range got narrower: " + lr);
    for (StoredTrial t : stage2) {
      double value = ((Number) t.params().get("train.optimizer.lr")).doubleValue();
      assertTrue(value >= lr.low() && value <= lr.high(), t.trialId() + " lr " + value + " outside " + lr);
      assertEquals(2, t.json().get("history").size(), "stage 2 trains longer");
    }
  }

  @Test
  void ashaPromotesTheTopThirdFromTheirCheckpointsAndPrunesTheRest() throws Exception {
    ExperimentSpec spec = spec("search.strategy=asha", "search.trials=9", "search.asha={minEpochs: 1, maxEpochs: 3, reduction: 3}",
        "spark.slots=1");
    SweepOutcome outcome = sweep(spec, dir, false);
    assertEquals(3, ConfigLoader.load(Path.of(outcome.bestConfig()), List.of()).train().epochs(),
        "best.yaml follows asha.maxEpochs, the schedule every rung trained on, not train.epochs (2)");
    Map<String, StoredTrial> stored = ResultStore.open(new LocalArtifactStore(dir)).latest();
    List<StoredTrial> firstRung = stored.values().stream().filter(t -> t.trialId().endsWith("-r0")).toList();
    List<StoredTrial> promoted = stored.values().stream().filter(t -> t.trialId().endsWith("-r1")).toList();
    List<StoredTrial> pruned = stored.values().stream().filter(t -> t.status() == TrialStatus.PRUNED).toList();
    assertEquals(9, firstRung.size());
    assertEquals(3, promoted.size(), "floor(9 / 3) trials reach the last rung");
    assertEquals(6, pruned.size());
    StoredTrial bestFirst = firstRung.stream()
        .max(java.util.Comparator.comparingDouble((StoredTrial t) -> t.metric("val_accuracy"))
            .thenComparing(StoredTrial::trialId, java.util.Comparator.reverseOrder())).orElseThrow();
    String bestId = bestFirst.trialId().replace("-r0", "");
    assertTrue(promoted.stream().anyMatch(t -> t.trialId().equals(bestId + "-r1")),
        "the best first-rung trial is always promoted: " + bestId + " not in " + promoted);
    for (StoredTrial t : promoted) {
      // Continued from the rung-0 checkpoint: its epochs are numbered 2 and 3, not 1 to 3.
      assertEquals(2, t.json().get("history").get(0).get("epoch").asInt(), t.trialId());
      assertEquals(2, t.json().get("history").size(), t.trialId());
    }
    int lines = Files.readAllLines(dir.resolve("trials.jsonl")).size();
    sweep(spec, dir, true);
    assertEquals(lines, Files.readAllLines(dir.resolve("trials.jsonl")).size(), "--resume reruns nothing");
  }

  @Test
  void hyperbandRunsEachBracketFromItsOwnFirstRung() throws Exception {
    // Rungs 1 and 3 epochs: bracket b0 starts 4 trials at 1 epoch and promotes floor(4 / 3); b1 trains 2 to 3.
    ExperimentSpec spec = spec("search.strategy=hyperband", "search.trials=6",
        "search.hyperband={minEpochs: 1, maxEpochs: 3, reduction: 3}");
    SweepOutcome outcome = sweep(spec, dir, false);
    assertEquals(3, ConfigLoader.load(Path.of(outcome.bestConfig()), List.of()).train().epochs());
    Map<String, StoredTrial> stored = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(List.of("b0-t0001-r0", "b0-t0002-r0", "b0-t0003-r0", "b0-t0004-r0", "b1-t0001-r0", "b1-t0002-r0"),
        stored.keySet().stream().filter(id -> id.endsWith("-r0")).sorted().toList());
    List<StoredTrial> promoted = stored.values().stream().filter(t -> t.trialId().endsWith("-r1")).toList();
    assertEquals(1, promoted.size());
    assertEquals(2, promoted.get(0).json().get("history").get(0).get("epoch").asInt(), "continued from rung 0");
    assertEquals(3, stored.get("b1-t0001-r0").json().get("history").size(), "b1 starts at 3 epochs");
    assertEquals(3, stored.values().stream().filter(t -> t.status() == TrialStatus.PRUNED)
        .filter(t -> t.trialId().startsWith("b0-")).count());
  }

  @Test
  void pbtMembersContinueCheckpointsAndTheWorstCopiesTheBestWithAPerturbedRate() throws Exception {
    ExperimentSpec spec = spec("search.strategy=pbt", "search.space={train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}",
        "search.pbt={population: 4, interval: 1, mutable: [train.optimizer.lr]}");
    SweepOutcome outcome = sweep(spec, dir, false);
    Map<String, StoredTrial> stored = ResultStore.open(new LocalArtifactStore(dir)).latest();
    assertEquals(8, stored.size(), "4 members x 2 generations of 1 epoch");
    StoredTrial best = stored.values().stream().filter(t -> t.trialId().endsWith("-g0"))
        .sorted(java.util.Comparator.comparingDouble((StoredTrial t) -> -t.metric("val_accuracy"))
            .thenComparing(StoredTrial::trialId)).findFirst().orElseThrow();
    List<StoredTrial> copied = stored.values().stream().filter(t -> t.params().containsKey("pbt.copied")).toList();
    assertFalse(copied.isEmpty(), "ceil(4 x 0.25) = 1 member copies");
    for (StoredTrial t : copied) {
      assertEquals(best.trialId(), t.params().get("pbt.copied"), t.trialId() + " copies the best of generation 0");
      double lr = ((Number) t.params().get("train.optimizer.lr")).doubleValue();
      double from = ((Number) best.params().get("train.optimizer.lr")).doubleValue();
      assertTrue(lr == Math.max(1.0e-3, from * 0.8) || lr == Math.min(1.0, from * 1.2), "perturbed " + from + " to " + lr);
      assertEquals(lr, t.json().get("history").get(0).get("lr").asDouble(), 1e-12, "it trains at its own rate");
    }
    for (StoredTrial t : stored.values()) {
      JsonNode history = t.json().get("history");
      assertEquals(t.trialId().endsWith("-g1") ? 2 : 1, history.get(0).get("epoch").asInt(), t.trialId());
    }
    ConfigLoader.load(Path.of(outcome.bestConfig()), List.of()); // its lineage key is not a config path
    int lines = Files.readAllLines(dir.resolve("trials.jsonl")).size();
    sweep(spec, dir, true);
    assertEquals(lines, Files.readAllLines(dir.resolve("trials.jsonl")).size(), "--resume reruns nothing");
  }

  @Test
  void ashaWithEarlyStoppingNeverPromotesATrialThatStoppedAndContinuesFromTheLastEpoch() throws Exception {
    ExperimentSpec spec = spec("search.strategy=asha", "search.trials=8", "search.asha={minEpochs: 2, maxEpochs: 8, reduction: 2}",
        "train.earlyStopping={patience: 1, metric: val_loss, minDelta: 0.01}", "spark.slots=1");
    sweep(spec, dir, false);
    Map<String, StoredTrial> stored = ResultStore.open(new LocalArtifactStore(dir)).latest();
    int stoppedEarly = 0;
    for (StoredTrial t : stored.values()) {
      if (!t.trialId().contains("-r")) {
        continue;
      }
      String trial = t.trialId().substring(0, t.trialId().lastIndexOf("-r"));
      int rung = Integer.parseInt(t.trialId().substring(t.trialId().lastIndexOf("-r") + 2));
      StoredTrial next = stored.get(trial + "-r" + (rung + 1));
      if (Double.isFinite(t.metric("stopped_epoch"))) {
        stoppedEarly++;
        assertTrue(next == null, t.trialId() + " stopped early, yet it was promoted");
        assertTrue(stored.get(trial) == null, t.trialId() + " stopped on its own: not recorded as pruned");
      }
      if (next != null) {
        JsonNode history = t.json().get("history");
        int lastEpoch = history.get(history.size() - 1).get("epoch").asInt();
        assertEquals(lastEpoch + 1, next.json().get("history").get(0).get("epoch").asInt(),
            next.trialId() + " continues from " + t.trialId() + "'s last epoch");
        assertEquals(t.artifact(io.troupe.artifacts.ArtifactRole.CHECKPOINT).isPresent(),
            t.metric("best_epoch") < lastEpoch, t.trialId() + ": a checkpoint exactly when its model is an earlier epoch");
      }
    }
    assertTrue(stoppedEarly > 0, "patience 1 stops some trial in this sweep");
  }
}
