package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.Direction;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.Metric;
import io.troupe.config.ObjectiveSpec;
import io.troupe.config.RepeatRanking;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunManifestTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static RunManifest manifest(String data, String... sets) {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}", "m.yaml", "m", List.of(sets));
    return RunManifest.of(spec, "sweep", data, List.of("sweep", "m.yaml"), StackVersions.of(), NOW);
  }

  @Test
  void recordsTheResolvedConfigItsHashTheDataAndTheStack() {
    RunManifest m = manifest("sha256:data");
    assertTrue(m.configHash().startsWith("sha256:"), m.configHash());
    assertEquals("sha256:data", m.dataFingerprint());
    assertEquals(128, m.config().path("train").path("batchSize").asInt(), "defaults filled in");
    for (String key : List.of("troupe", "troupeCommit", "spark", "dl4j", "nd4j", "java")) {
      assertFalse(m.json().path("versions").path(key).asText().isEmpty(), key);
    }
    assertEquals(3, m.json().path("versions").path("spark").asText().split("\\.").length);
  }

  @Test
  void theHashIgnoresWhereTrialsRunButNotWhatTheyCompute() {
    String base = manifest("d").configHash();
    assertEquals(base, manifest("d", "spark.slots=2", "search.trials=99", "search.maxFailures=5",
        "ensemble.distributedScoringAbove=1", "ensemble.combiners=[vote]").configHash());
    assertNotEquals(base, manifest("d", "ensemble.members=7").configHash());
    assertNotEquals(base, manifest("d", "train.optimizer.lr=0.5").configHash());
    assertNotEquals(base, manifest("d", "train.epochs=3").configHash());
  }

  @Test
  void secretsInSettingsAndOnTheCommandLineAreRedacted() {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}\nspark: {conf: {spark.hadoop.fs.s3a.secret.key: "
        + "hunter2, spark.executor.memory: 2g}}", "m.yaml", "m", List.of());
    RunManifest m = RunManifest.of(spec, "sweep", "d", List.of("sweep", "m.yaml", "--set",
        "spark.conf.spark.hadoop.fs.s3a.access.key=AKIAXYZ", "--out", "s3a://AKIAXYZ:hunter2@bucket/runs"),
        Map.of(), NOW);
    String text = new String(m.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("AKIAXYZ"), text);
    assertTrue(text.contains("2g"), "other settings are kept: " + text);
    assertTrue(text.contains("s3a://" + Secrets.REDACTED + "@bucket/runs"), text);
  }

  @Test
  void resumingWithTheSameConfigOrOnlyAllowedChangesPassesAndSaysWhatChanged() {
    RunManifest started = manifest("d", "search.trials=10");
    assertEquals(List.of(), ManifestCheck.check(started, manifest("d", "search.trials=10"), "run.json"));
    List<String> notes = ManifestCheck.check(started, manifest("d", "search.trials=20", "spark.slots=1"), "run.json");
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.contains("search.trials: 10 -> 20")), notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.contains("spark.slots: null -> 1")), notes.toString());
  }

  @Test
  void resumingWithAChangedTrialOrDataIsRefusedListingEveryChangedPath() {
    RunManifest started = manifest("d", "search.trials=10");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ManifestCheck.check(started,
        manifest("other-data", "search.trials=5", "train.optimizer.lr=0.5", "model.hidden=[8]"), "x/run.json"));
    String message = e.getMessage();
    assertTrue(message.startsWith("x/run.json: --resume with a config that changes"), message);
    assertTrue(message.contains("train.optimizer.lr: 0.001 -> 0.5"), message);
    assertTrue(message.contains("model.hidden: [256,128] -> [8]"), message);
    assertTrue(message.contains("search.trials: 10 -> 5 (search.trials may only be raised)"), message);
    assertTrue(message.contains("data fingerprint: d -> other-data"), message);
  }

  @Test
  void theObjectiveIsTheConfigsWithTheTasksDefaultsFilledIn() {
    assertEquals(new ObjectiveSpec(Metric.VAL_LOSS, Direction.MINIMIZE, RepeatRanking.MEAN),
        manifest("d", "objective.metric=val_loss").objective());
    assertEquals(new ObjectiveSpec(Metric.VAL_ACCURACY, Direction.MAXIMIZE, RepeatRanking.MEAN), manifest("d").objective());
    assertEquals(new ObjectiveSpec(Metric.VAL_MSE, Direction.MINIMIZE, RepeatRanking.MEAN),
        manifest("d", "data.task=regression", "ensemble.combiners=[average]").objective());
    assertEquals(new ObjectiveSpec(Metric.VAL_ACCURACY, Direction.MINIMIZE, RepeatRanking.MEAN),
        manifest("d", "objective.direction=minimize").objective());
  }

  @Test
  void anObjectiveThatDoesNotReadIsBadInputNamingRunJson() {
    RunManifest m = manifest("d");
    m.config().putObject("objective").put("metric", "val_f1");
    InvalidInputException e = assertThrows(InvalidInputException.class, m::objective);
    assertTrue(e.getMessage().startsWith("run.json: config.objective does not read: metric: "), e.getMessage());
    assertTrue(e.getMessage().contains("val_f1"), e.getMessage());
  }
}
