package io.troupe.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SearchStrategy;
import io.troupe.data.SourceData;
import io.troupe.data.SyntheticData;
import io.troupe.driver.data.DatasetFrames;
import io.troupe.driver.ensemble.EnsembleOutcome;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.ensemble.ComparisonRow;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API end to end on one local session with 2 slots, shared by every test here, and tiny
 * seeded synthetic data: what a user's Spark application gets back, and what lands in the run.
 */
class TroupeTest {
  private static final String CONFIG = """
      name: api-test
      seed: 5
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 200, testSize: 60, features: 6, classes: 3, clusterStd: 2.0}}
      model: {hidden: [8], activation: tanh, init: xavier}
      train: {epochs: 2, batchSize: 20, optimizer: {type: sgd, lr: 0.1}, monitor: {enabled: false}}
      search: {strategy: grid, space: {train.optimizer.lr: {choice: [0.3, 0.001]}}}
      ensemble: {strategies: [single, true], members: 2, combiners: [average, vote]}
      """;
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  private static SparkSession spark;
  private static Troupe troupe;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSessions.start(ConfigLoader.parse("{}", "t.yaml", "api-test",
        List.of("spark.conf.spark.ui.enabled=false")), "local[2]");
    troupe = Troupe.on(spark).reportingTo(QUIET);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private ExperimentRun experiment() {
    return ExperimentRun.fromYaml(CONFIG).outputTo(dir.resolve("runs"));
  }

  @Test
  void aUsersFactorySweepsOverItsOwnParamsThroughTheApi() throws Exception {
    ExperimentRun run = experiment().set("name", "api-factory").set("model.type", "factory")
        .set("model.factory", "io.troupe.testing.nets.ResidualMlp").set("model.params.width", 8)
        .set("search.space", "{model.params.width: {choice: [4, 8]}}");
    SweepOutcome outcome = troupe.sweep(run);
    assertFalse(outcome.stoppedOnFailures(), outcome.stopReason());
    assertEquals(Set.of(4, 8), outcome.ranked().stream()
        .map(t -> ((Number) t.params().get("model.params.width")).intValue()).collect(Collectors.toSet()));
    ExperimentSpec best = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals("io.troupe.testing.nets.ResidualMlp", best.model().factory());
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> troupe.sweep(run.set("name", "api-missing").set("model.factory", "com.acme.Missing")));
    assertTrue(missing.getMessage().contains("com.acme.Missing"), missing.getMessage());
  }

  @Test
  void aSweepRanksItsTrialsWritesTheBestConfigAndARecordPerTrial() throws Exception {
    SweepOutcome outcome = troupe.sweep(experiment());

    assertFalse(outcome.stoppedOnFailures(), outcome.stopReason());
    List<StoredTrial> ranked = outcome.ranked();
    assertEquals(2, ranked.size());
    ranked.forEach(t -> assertEquals(TrialStatus.COMPLETED, t.status(), t.trialId()));
    assertTrue(ranked.get(0).metric("val_accuracy") >= ranked.get(1).metric("val_accuracy"), "best first");

    Path run = dir.resolve("runs/api-test");
    ExperimentSpec best = ConfigLoader.load(Path.of(outcome.bestConfig()), List.of());
    assertEquals(run.resolve("best.yaml").toString(), outcome.bestConfig());
    assertEquals(ranked.get(0).params().get("train.optimizer.lr"), best.train().optimizer().lr());
    assertEquals(SearchStrategy.NONE, best.search().strategy());
    assertEquals(run.resolve("trials.jsonl").toString(), outcome.trialsFile());
    assertEquals(2, Files.readAllLines(run.resolve("trials.jsonl")).size());
    try (Stream<Path> records = Files.list(run.resolve("records"))) {
      assertFalse(records.toList().isEmpty(), "a record per trial in records/");
    }
    assertEquals("sweep", new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("command").asText());

    // Without resume an earlier run is refused; with it, nothing is trained again.
    InvalidInputException refused = assertThrows(InvalidInputException.class, () -> troupe.sweep(experiment()));
    assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());
    SweepOutcome resumed = troupe.sweep(experiment().resume(true));
    assertEquals(ranked.stream().map(StoredTrial::trialId).toList(),
        resumed.ranked().stream().map(StoredTrial::trialId).toList());
    assertEquals(2, Files.readAllLines(run.resolve("trials.jsonl")).size());
  }

  @Test
  void compareScoresEachStrategyBesideTheBaselineAndEnsembleReusesItsMembers() throws Exception {
    EnsembleOutcome outcome = troupe.compare(experiment());

    assertFalse(outcome.stoppedOnFailures(), outcome.stopReason());
    assertEquals(60, outcome.testExamples());
    assertEquals(List.of("single/-", "true/average", "true/vote"), outcome.table().rows().stream()
        .map(r -> r.strategy() + "/" + r.combiner()).toList());
    for (ComparisonRow row : outcome.table().rows()) {
      assertTrue(row.figure("accuracy") > 0 && row.figure("accuracy") <= 1, row.toString());
    }
    Path ensembles = dir.resolve("runs/api-test/ensembles");
    assertEquals(ensembles.resolve("comparison.csv").toString(), outcome.tableCsv());
    assertEquals(outcome.table().toCsv(), Files.readString(ensembles.resolve("comparison.csv")));
    assertEquals(2, Files.readAllLines(ensembles.resolve("trials.jsonl")).size(), "member-01 and member-02");

    // One strategy into its own table, from the members compare trained.
    EnsembleOutcome one = troupe.ensemble(experiment().resume(true), EnsembleStrategy.TRUE);
    assertEquals(ensembles.resolve("ensemble-true.csv").toString(), one.tableCsv());
    assertEquals(2, Files.readAllLines(ensembles.resolve("trials.jsonl")).size(), "nothing trained again");
    assertEquals(outcome.table().toCsv(), one.table().toCsv());
  }

  @Test
  void trainRunsOneTrialInThisJvmWithoutAskingForASessionAndAddsItToTheRun() throws Exception {
    List<Integer> epochs = new ArrayList<>();
    TrainListener listener = new TrainListener() {
      @Override
      public void epochEnded(String trialId, EpochStats stats, int planned) {
        epochs.add(stats.epoch());
      }
    };
    // Data from files needs no Spark to train on.
    Troupe sessionless = Troupe.onDemand(new SparkConf(false), () -> fail("train asked for a Spark session"))
        .reportingTo(QUIET);

    TrainOutcome outcome = sessionless.train(experiment(), listener);

    assertTrue(outcome.result() instanceof TrialResult.Completed, outcome.result().toString());
    assertEquals(Troupe.TRAIN_TRIAL_ID, outcome.result().info().trialId());
    assertEquals(List.of(1, 2), epochs);
    Path run = dir.resolve("runs/api-test");
    assertEquals(run.resolve("trials.jsonl").toString(), outcome.trialsFile());
    assertEquals(1, Files.readAllLines(run.resolve("trials.jsonl")).size());
    assertTrue(Files.exists(run.resolve("artifacts/train/model.zip")));

    // Each train adds a record to the same run.
    sessionless.train(experiment());
    assertEquals(2, Files.readAllLines(run.resolve("trials.jsonl")).size());
  }

  @Test
  void trainWithADataParallelConfigTrainsEachEpochAcrossTheWorkers() throws Exception {
    TrainOutcome outcome = troupe.train(experiment().set("train.distributed.mode", "data-parallel")
        .set("train.distributed.averagingFrequency", 2));
    TrialResult.Completed c = (TrialResult.Completed) outcome.result();
    // 180 training rows in batches of 20: 9 a epoch, rounds of 2 workers x 2 batches, 3 rounds an epoch.
    assertEquals(2 * 3.0, c.info().metrics().get("dp_rounds"), c.info().metrics().toString());
    assertEquals(2, c.info().history().size());
  }

  @Test
  void aBadSetThrowsNamingTheFieldBeforeAnythingIsWritten() {
    InvalidInputException outOfRange = assertThrows(InvalidInputException.class,
        () -> troupe.sweep(experiment().set("train.epochs", 0)));
    assertTrue(outOfRange.getMessage().contains("train.epochs"), outOfRange.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> troupe.train(experiment().set("train.epoch", 3)));
    assertTrue(unknown.getMessage().contains("train.epoch"), unknown.getMessage());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing written");
  }

  @Test
  void aRefusedRunStartsNoSparkAndWritesNothingNew() throws Exception {
    Troupe sessionless = Troupe.onDemand(new SparkConf(false), () -> fail("a refused run asked for a session"))
        .reportingTo(QUIET);
    sessionless.train(experiment().set("train.epochs", 1));
    long lines = Files.readAllLines(dir.resolve("runs/api-test/trials.jsonl")).size();
    // The train run is there, so a sweep of the same name without resume is refused, Spark untouched.
    assertThrows(InvalidInputException.class, () -> sessionless.sweep(experiment().set("train.epochs", 1)));
    assertEquals(lines, Files.readAllLines(dir.resolve("runs/api-test/trials.jsonl")).size());
  }

  @Test
  void aSparkSourceIsReadThroughTheGivenSession() throws Exception {
    SourceData blobs = SyntheticData.blobs(120, 30, 4, 3, 1.0, 7);
    DatasetFrames.of(spark, blobs.train()).write().parquet(dir.resolve("train").toString());
    DatasetFrames.of(spark, blobs.test()).write().parquet(dir.resolve("test").toString());
    ExperimentRun run = experiment()
        .set("data", "{source: spark, spark: {path: '%s', test: {path: '%s'}, features: features, label: label}}"
            .formatted(dir.resolve("train"), dir.resolve("test")))
        .set("search.space", "{train.optimizer.lr: {choice: [0.1]}}");

    SweepOutcome outcome = troupe.sweep(run);

    assertEquals(1, outcome.ranked().size());
    assertEquals(TrialStatus.COMPLETED, outcome.ranked().get(0).status());
    Set<String> fingerprints = Files.readAllLines(dir.resolve("runs/api-test/trials.jsonl")).stream()
        .map(TroupeTest::fingerprint).collect(Collectors.toSet());
    assertEquals(1, fingerprints.size());
    assertTrue(fingerprints.iterator().next().startsWith("sha256:"), fingerprints.toString());
  }

  private static String fingerprint(String line) {
    try {
      return new ObjectMapper().readTree(line).get("provenance").get("dataFingerprint").asText();
    } catch (IOException e) {
      throw new AssertionError(line, e);
    }
  }
}
