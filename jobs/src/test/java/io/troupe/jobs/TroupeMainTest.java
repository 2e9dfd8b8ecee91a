package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: exit 0 / 2 / 1, messages that name the field or file, no stack trace by default. */
class TroupeMainTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static final String SYNTHETIC = "data: {source: synthetic, synthetic: {trainSize: 300, testSize: 50}}\n";

  @Test
  void validConfigExitsZeroAndDescribesTheExperiment() throws IOException {
    Path config = write("ok.yaml", SYNTHETIC + "model: {hidden: [16]}\n");
    CliRun r = run("validate", config.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(config + ": valid"), r.out());
    assertTrue(r.out().contains("train 270, validation 30, test 50"), r.out());
    assertTrue(r.out().contains("mlp 20-16-3"), r.out());
  }

  @Test
  void badConfigExitsTwoNamingTheFieldWithoutAStackTrace() throws IOException {
    Path config = write("bad.yaml", SYNTHETIC + "train: {optimizer: {lr: -1}}\n");
    CliRun r = run("validate", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.optimizer.lr: must be > 0, got -1"), r.err());
    assertTrue(!r.err().contains("at io.troupe"), "stack trace without --verbose: " + r.err());
  }

  @Test
  void oneBadConfigDoesNotHideTheOthers() throws IOException {
    Path good = write("good.yaml", SYNTHETIC);
    Path bad = write("bad.yaml", SYNTHETIC + "model: {activation: relux}\n");
    CliRun r = run("validate", bad.toString(), good.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ": invalid"), r.err());
    assertTrue(r.err().contains("did you mean relu?"), r.err());
    assertTrue(r.out().contains(good + ": valid"), r.out());
    assertTrue(r.out().contains("1 of 2 configs valid"), r.out());
  }

  @Test
  void overridesAreValidatedLikeTheFile() throws IOException {
    Path config = write("ok.yaml", SYNTHETIC);
    CliRun r = run("validate", config.toString(), "--set", "train.batchSize=0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.batchSize: must be >= 1, got 0"), r.err());
    CliRun printed = run("validate", config.toString(), "--set", "train.optimizer.lr=0.25", "--print");
    assertEquals(0, printed.code(), printed.err());
    assertTrue(printed.out().contains("lr: 0.25"), printed.out());
  }

  @Test
  void corruptDataFileExitsTwoNamingFileAndLine() throws IOException {
    Path train = write("train.csv", "a,b,label\n1,2,0\n3,4\n");
    Path test = write("test.csv", "a,b,label\n1,2,0\n");
    Path config = write("csv.yaml", "data: {source: csv, scaling: none, csv: {train: '" + train + "', test: '" + test + "'}}\n");
    CliRun r = run("validate", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(train.toString()) && r.err().contains("line 3"), r.err());
  }

  @Test
  void missingConfigFileExitsTwo() {
    Path missing = dir.resolve("missing.yaml");
    CliRun r = run("validate", missing.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(missing + ": config file not found"), r.err());
  }

  @Test
  void argumentMistakesExitTwoWithUsageHints() {
    assertEquals(2, run().code());
    CliRun unknown = run("trian", "x.yaml");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown command \"trian\"; available: validate"), unknown.err());
    CliRun option = run("validate", "x.yaml", "--ouput", "o");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("unknown option --ouput"), option.err());
    CliRun missingValue = run("validate", "x.yaml", "--set");
    assertEquals(2, missingValue.code());
    assertTrue(missingValue.err().contains("--set: missing value"), missingValue.err());
    CliRun noConfig = run("validate");
    assertEquals(2, noConfig.code());
    assertTrue(noConfig.err().contains("no config given"), noConfig.err());
  }

  @Test
  void anUnknownEnsembleStrategyExitsTwoListingTheKnownOnes() throws IOException {
    Path config = write("e.yaml", SYNTHETIC);
    CliRun r = run("ensemble", config.toString(), "--strategy", "boosting");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--strategy: unknown strategy \"boosting\"") && r.err().contains("bagging"), r.err());
  }

  @Test
  void aSoupNeedsTwoEpochsAndSaysSo() throws IOException {
    Path config = write("soup.yaml", SYNTHETIC + "train: {epochs: 1}\nensemble: {strategies: [soup]}\n");
    CliRun r = run("compare", config.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("ensemble.strategies: soup needs train.epochs >= 2"), r.err());
  }

  @Test
  void helpExitsZero() {
    CliRun r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: troupe <command>"), r.out());
  }

  private static boolean readsSpark(Path config) {
    return ConfigLoader.load(config, List.of()).data().source() == DataSource.SPARK;
  }

  private static boolean readsModelFile(Path config) {
    return ConfigLoader.load(config, List.of()).model().file() != null;
  }

  @Test
  void everyShippedConfigValidatesOnRealData() throws IOException {
    Path root = ProjectRoot.get();
    try (var configs = Files.walk(root.resolve("conf"))) {
      // A spark source reads a copy the user writes first; FashionMnistParquetIT validates that one.
      List<Path> all = configs.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !readsSpark(p)).sorted().toList();
      // model.file is relative to the working directory (the project's root for the shipped
      // configs, jobs/ here), as data paths are: those configs are validated with it made absolute.
      for (Path withFile : all.stream().filter(TroupeMainTest::readsModelFile).toList()) {
        String file = ConfigLoader.load(withFile, List.of()).model().file();
        CliRun r = run("validate", withFile.toString(), "--set", "model.file=" + root.resolve(file));
        assertEquals(0, r.code(), r.err());
      }
      String[] args = all.stream().filter(p -> !readsModelFile(p)).map(Path::toString).toArray(String[]::new);
      assertTrue(args.length >= 4, "expected the example configs under conf/");
      String[] command = new String[args.length + 1];
      command[0] = "validate";
      System.arraycopy(args, 0, command, 1, args.length);
      CliRun r = run(command);
      assertEquals(0, r.code(), r.err());
    }
  }
}
