package io.troupe.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment description resolves as the CLI resolves a config and its --set overrides. */
class ExperimentRunTest {
  private static final String YAML = "name: blobs\ndata: {source: synthetic}\n";

  @TempDir Path dir;

  @Test
  void typedValuesSetWhatTheSameTextOnTheCommandLineSets() {
    ExperimentSpec typed = ExperimentRun.fromYaml(YAML).set("train.epochs", 3).set("train.optimizer.lr", 1.0e-4)
        .set("model.hidden", List.of(16, 8)).set("train.l2", 2.5e10).set("spark.slots", null).spec();
    ExperimentSpec cli = ConfigLoader.parse(YAML, "t.yaml", null, List.of("train.epochs=3",
        "train.optimizer.lr=0.0001", "model.hidden=[16,8]", "train.l2=25000000000", "spark.slots=null"));
    assertEquals(cli, typed);
    assertEquals(1.0e-4, typed.train().optimizer().lr());
    assertEquals(List.of(16, 8), typed.model().hidden());
    // A String is read as YAML, as --set reads it.
    assertEquals(cli, ExperimentRun.fromYaml(YAML).set("train.epochs", "3").set("train.optimizer.lr=1e-4")
        .set("model.hidden", "[16, 8]").set("train.l2", "2.5e10").set("spark.slots", "null").spec());
  }

  @Test
  void aFileIsNamedAfterItselfAndAResolvedSpecCanBeOverridden() throws Exception {
    Path file = dir.resolve("fashion-small.yaml");
    Files.writeString(file, "data: {source: synthetic}\n");
    ExperimentSpec fromFile = ExperimentRun.fromFile(file).spec();
    assertEquals("fashion-small", fromFile.name());
    assertEquals(7, ExperimentRun.of(fromFile).set("train.epochs", 7).spec().train().epochs());
    assertEquals(fromFile, ExperimentRun.of(fromFile).spec());
  }

  @Test
  void resultsGoUnderOutInADirectoryNamedAfterTheExperiment() {
    assertEquals(dir.resolve("runs/blobs").toString(), ExperimentRun.fromYaml(YAML).outputTo(dir.resolve("runs"))
        .location());
    assertEquals("hdfs://nn:8020/runs/blobs", ExperimentRun.fromYaml(YAML).outputTo("hdfs://nn:8020/runs/").location());
    assertEquals(Path.of(ExperimentRun.DEFAULT_OUT, "blobs").toAbsolutePath().toString(),
        ExperimentRun.fromYaml(YAML).location());
    assertFalse(ExperimentRun.fromYaml(YAML).resume());
    assertTrue(ExperimentRun.fromYaml(YAML).resume(true).resume());
  }

  @Test
  void aSpecBuiltInCodeStillCannotLeadOutsideOut() {
    // Config validation refuses such names; a spec constructed directly never met it.
    ExperimentSpec s = ExperimentRun.fromYaml(YAML).spec();
    for (String name : List.of("../../etc", "/etc", "a/../../b", "..")) {
      ExperimentRun run = ExperimentRun.of(new ExperimentSpec(name, s.seed(), s.data(), s.model(), s.train(),
          s.search(), s.objective(), s.ensemble(), s.spark())).outputTo(dir);
      InvalidInputException e = assertThrows(InvalidInputException.class, run::location);
      assertTrue(e.getMessage().startsWith("name: \"" + name + "\""), e.getMessage());
    }
  }

  @Test
  void badInputNamesTheFieldOrFile() {
    InvalidInputException range = assertThrows(InvalidInputException.class,
        () -> ExperimentRun.fromYaml(YAML).set("train.epochs", 0).spec());
    assertTrue(range.getMessage().contains("train.epochs"), range.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> ExperimentRun.fromYaml(YAML).set("model.hiden", List.of(4)).spec());
    assertTrue(unknown.getMessage().contains("model.hiden"), unknown.getMessage());
    InvalidInputException noName = assertThrows(InvalidInputException.class,
        () -> ExperimentRun.fromYaml("data: {source: synthetic}").spec());
    assertTrue(noName.getMessage().startsWith("name: "), noName.getMessage());
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> ExperimentRun.fromFile(dir.resolve("nope.yaml")).spec());
    assertTrue(missing.getMessage().contains("nope.yaml"), missing.getMessage());
    InvalidInputException credentials = assertThrows(InvalidInputException.class,
        () -> ExperimentRun.fromYaml(YAML).outputTo("s3a://key:secret@bucket/runs").location());
    assertTrue(credentials.getMessage().startsWith("--out: "), credentials.getMessage());
  }
}
