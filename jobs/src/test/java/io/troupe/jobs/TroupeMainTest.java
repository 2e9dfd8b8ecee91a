package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: exit 0 / 2 / 1, messages that name the field or file, no stack trace by default. */
class TroupeMainTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new TroupeMain().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
    Run r = run("validate", config.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(config + ": valid"), r.out());
    assertTrue(r.out().contains("train 270, validation 30, test 50"), r.out());
    assertTrue(r.out().contains("mlp 20-16-3"), r.out());
  }

  @Test
  void badConfigExitsTwoNamingTheFieldWithoutAStackTrace() throws IOException {
    Path config = write("bad.yaml", SYNTHETIC + "train: {optimizer: {lr: -1}}\n");
    Run r = run("validate", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.optimizer.lr: must be > 0, got -1"), r.err());
    assertTrue(!r.err().contains("at io.troupe"), "stack trace without --verbose: " + r.err());
  }

  @Test
  void oneBadConfigDoesNotHideTheOthers() throws IOException {
    Path good = write("good.yaml", SYNTHETIC);
    Path bad = write("bad.yaml", SYNTHETIC + "model: {activation: relux}\n");
    Run r = run("validate", bad.toString(), good.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ": invalid"), r.err());
    assertTrue(r.err().contains("did you mean relu?"), r.err());
    assertTrue(r.out().contains(good + ": valid"), r.out());
    assertTrue(r.out().contains("1 of 2 configs valid"), r.out());
  }

  @Test
  void overridesAreValidatedLikeTheFile() throws IOException {
    Path config = write("ok.yaml", SYNTHETIC);
    Run r = run("validate", config.toString(), "--set", "train.batchSize=0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("train.batchSize: must be >= 1, got 0"), r.err());
    Run printed = run("validate", config.toString(), "--set", "train.optimizer.lr=0.25", "--print");
    assertEquals(0, printed.code(), printed.err());
    assertTrue(printed.out().contains("lr: 0.25"), printed.out());
  }

  @Test
  void corruptDataFileExitsTwoNamingFileAndLine() throws IOException {
    Path train = write("train.csv", "a,b,label\n1,2,0\n3,4\n");
    Path test = write("test.csv", "a,b,label\n1,2,0\n");
    Path config = write("csv.yaml", "data: {source: csv, scaling: none, csv: {train: '" + train + "', test: '" + test + "'}}\n");
    Run r = run("validate", config.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(train.toString()) && r.err().contains("line 3"), r.err());
  }

  @Test
  void missingConfigFileExitsTwo() {
    Path missing = dir.resolve("missing.yaml");
    Run r = run("validate", missing.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(missing + ": config file not found"), r.err());
  }

  @Test
  void argumentMistakesExitTwoWithUsageHints() {
    assertEquals(2, run().code());
    Run unknown = run("trian", "x.yaml");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown command \"trian\"; available: validate"), unknown.err());
    Run option = run("validate", "x.yaml", "--ouput", "o");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("unknown option --ouput"), option.err());
    Run missingValue = run("validate", "x.yaml", "--set");
    assertEquals(2, missingValue.code());
    assertTrue(missingValue.err().contains("--set: missing value"), missingValue.err());
    Run noConfig = run("validate");
    assertEquals(2, noConfig.code());
    assertTrue(noConfig.err().contains("no config given"), noConfig.err());
  }

  @Test
  void anUnknownEnsembleStrategyExitsTwoListingTheKnownOnes() throws IOException {
    Path config = write("e.yaml", SYNTHETIC);
    Run r = run("ensemble", config.toString(), "--strategy", "boosting");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--strategy: unknown strategy \"boosting\"") && r.err().contains("bagging"), r.err());
  }

  @Test
  void aSoupNeedsTwoEpochsAndSaysSo() throws IOException {
    Path config = write("soup.yaml", SYNTHETIC + "train: {epochs: 1}\nensemble: {strategies: [soup]}\n");
    Run r = run("compare", config.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("ensemble.strategies: soup needs train.epochs >= 2"), r.err());
  }

  @Test
  void helpExitsZero() {
    Run r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: troupe <command>"), r.out());
  }

  @Test
  void everyShippedConfigValidatesOnRealData() throws IOException {
    Path root = ProjectRoot.get();
    try (var configs = Files.walk(root.resolve("conf"))) {
      String[] args = configs.filter(p -> p.toString().endsWith(".yaml")).sorted()
          .map(Path::toString).toArray(String[]::new);
      assertTrue(args.length >= 4, "expected the example configs under conf/");
      String[] command = new String[args.length + 1];
      command[0] = "validate";
      System.arraycopy(args, 0, command, 1, args.length);
      Run r = run(command);
      assertEquals(0, r.code(), r.err());
    }
  }
}
