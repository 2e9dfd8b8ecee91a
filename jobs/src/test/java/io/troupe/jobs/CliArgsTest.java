package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as each command takes it: options in any order, only its own, each with its value. */
class CliArgsTest {
  private static CliArgs parse(String... args) {
    return new TroupeMain().parse(args);
  }

  private static String refusal(String... args) {
    return assertThrows(InvalidInputException.class, () -> parse(args)).getMessage();
  }

  @Test
  void optionsComeInAnyOrderWithPositionalsAnywhere() {
    CliArgs cli = parse("validate", "--set=train.epochs=2", "a.yaml", "--master", "local[2]", "--set",
        "model.hidden=[8]", "-v", "b.yaml", "--print", "--set=name=x=y");
    assertEquals("validate", cli.command());
    assertEquals(List.of("a.yaml", "b.yaml"), cli.positionals());
    assertEquals(List.of("train.epochs=2", "model.hidden=[8]", "name=x=y"), cli.sets());
    assertEquals("local[2]", cli.master());
    assertTrue(cli.verbose() && cli.print());
    assertFalse(cli.help());
    assertEquals(List.of("validate", "--set=train.epochs=2", "a.yaml", "--master", "local[2]", "--set",
        "model.hidden=[8]", "-v", "b.yaml", "--print", "--set=name=x=y"), cli.commandLine());
  }

  @Test
  void absentOptionsTakeTheirDefaults() {
    CliArgs cli = parse("sweep", "x.yaml");
    assertEquals(CliArgs.DEFAULT_OUT, cli.out());
    assertEquals(List.of(), cli.sets());
    assertNull(cli.master());
    assertNull(cli.strategy());
    assertNull(cli.json());
    assertFalse(cli.resume() || cli.verbose() || cli.showTest() || cli.help());
  }

  @Test
  void eachCommandReadsItsOwnOptions() {
    CliArgs sweep = parse("sweep", "--resume", "x.yaml", "--out", "s3a://bucket/runs", "--show-test", "--verbose");
    assertTrue(sweep.resume() && sweep.showTest() && sweep.verbose());
    assertEquals("s3a://bucket/runs", sweep.out());
    CliArgs ensemble = parse("ensemble", "x.yaml", "--strategy", "bagging", "--from-sweep");
    assertEquals("bagging", ensemble.strategy());
    assertTrue(ensemble.fromSweep());
    assertEquals(Path.of("out/f.json"), parse("bench", "x.yaml", "--json", "out/f.json").json());
    assertEquals(List.of("/data/idx"), parse("fashion-parquet", "/data/idx", "--out=data").positionals());
  }

  @Test
  void aRepeatedOptionKeepsItsLastValue() {
    // deploy/scheduled-sweep passes --out and --resume, then the user's own arguments, which may repeat them.
    CliArgs cli = parse("sweep", "x.yaml", "--resume", "--out", "a", "--resume", "--out", "b");
    assertEquals("b", cli.out());
    assertTrue(cli.resume());
  }

  @Test
  void anArgumentIsNeverReadAsAFileOfArguments() {
    assertEquals(List.of("@args.txt"), parse("validate", "@args.txt").positionals());
  }

  @Test
  void helpIsAskedWithEitherName() {
    assertTrue(parse("sweep", "--help").help());
    assertTrue(parse("train", "x.yaml", "-h").help());
  }

  @Test
  void anotherCommandsOptionIsRefusedNamingItAndTheHelp() {
    String message = refusal("train", "x.yaml", "--from-sweep");
    assertTrue(message.startsWith("--from-sweep: train does not take this option (ensemble takes it)"), message);
    assertTrue(message.contains("troupe train --help"), message);
    assertTrue(refusal("report", "out/x", "--set", "train.epochs=3").contains("(validate, train, check, bench, sweep,"),
        "every command that takes --set");
    assertTrue(refusal("validate", "x.yaml", "--out=o").startsWith("--out: validate does not take this option"));
  }

  @Test
  void anUnknownOptionIsRefusedListingTheCommandsOptions() {
    String message = refusal("validate", "x.yaml", "--ouput", "o");
    assertTrue(message.startsWith("unknown option --ouput; validate takes --set path=value, --master URL, --print,"
        + " -v/--verbose, -h/--help"), message);
    assertTrue(message.contains("troupe validate --help"), message);
    assertTrue(refusal("sweep", "x.yaml", "--bogus=1").startsWith("unknown option --bogus;"));
    assertTrue(refusal("sweep", "-x", "x.yaml").startsWith("unknown option -x;"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--out", "--set", "--master", "--strategy"})
  void aMissingValueNamesTheOptionAndWhatItExpects(String option) {
    String expected = CliOption.named(option).orElseThrow().expected();
    String atTheEnd = refusal("ensemble", "x.yaml", option);
    assertEquals(option + ": missing value; expected " + expected, atTheEnd);
    assertEquals(atTheEnd, refusal("ensemble", "x.yaml", option, "--resume"), "followed by an option");
    assertEquals(atTheEnd, refusal("ensemble", "x.yaml", option, "--no-such-option"), "followed by an unknown option");
  }

  @Test
  void aValueForAFlagIsRefusedNamingIt() {
    String message = refusal("sweep", "x.yaml", "--resume=maybe");
    assertTrue(message.startsWith("sweep: ") && message.contains("--resume") && message.contains("troupe sweep --help"),
        message);
  }

  @Test
  void theMistakesExitTwoThroughTheCli() {
    for (String[] args : List.of(new String[] {"train", "x.yaml", "--from-sweep"},
        new String[] {"sweep", "x.yaml", "--bogus"}, new String[] {"sweep", "x.yaml", "--out"})) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("troupe: ") && r.err().contains(args[2]), r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void theWrongNumberOfArgumentsIsStillTheCommandsToRefuse() {
    CliRun none = CliRun.of("sweep", "--resume");
    assertEquals(2, none.code(), none.err());
    assertTrue(none.err().contains("sweep: expected exactly one config, got 0"), none.err());
    CliRun two = CliRun.of("train", "a.yaml", "b.yaml");
    assertEquals(2, two.code(), two.err());
    assertTrue(two.err().contains("train: expected exactly one config, got 2"), two.err());
  }
}
