package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each command's --help: its usage, the options it takes (and no other), and examples that work. */
class CommandHelpTest {
  private static final String[] COMMANDS = {"validate", "train", "check", "bench", "sweep", "ensemble", "compare",
      "bench-dispatch", "bench-mllib", "bench-search", "report", "fashion-parquet"};

  static Stream<String> commands() {
    return Arrays.stream(COMMANDS);
  }

  /** The start of a text the help wraps, which stays on its first line. */
  private static String start(String text) {
    return text.substring(0, Math.min(30, text.length()));
  }

  /** An option as the help's option list shows it, at the start of its line. */
  private static Pattern listed(CliOption option) {
    return Pattern.compile("(?m)^\\s+(-\\w, )?" + Pattern.quote(option.longName()) + "\\b");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHelpsWithItsOwnOptionsAndExamples(String name) {
    Command command = new TroupeMain().command(name);
    CliRun r = CliRun.of(name, "--help");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    String help = r.out();
    assertTrue(help.startsWith("usage: troupe " + name + " " + command.arguments() + " [options]"), help);
    assertTrue(help.contains(start(command.summary())), help);
    for (CliOption option : CliOption.values()) {
      boolean takes = command.options().contains(option) || option == CliOption.VERBOSE || option == CliOption.HELP;
      assertEquals(takes, listed(option).matcher(help).find(), name + " --help, " + option.longName() + ":\n" + help);
      if (takes) {
        assertTrue(help.contains(start(option.description())), option + " described:\n" + help);
      }
    }
    assertFalse(Pattern.compile("(?m)\\b(hdfs|s3a|spark):$").matcher(help).find(), "a URI broken across lines:\n" + help);
    assertTrue(help.contains("\nexamples:\n  troupe " + name), help);
    command.examples().forEach(e -> assertTrue(help.contains("\n  " + e + "\n"), e + " whole in\n" + help));

    assertEquals(help, CliRun.of(name, "-h").out());
    assertEquals(help, CliRun.of("help", name).out());
    assertEquals(0, CliRun.of("help", name).code());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyExampleParsesAndNamesAShippedConfig(String name) {
    Command command = new TroupeMain().command(name);
    assertFalse(command.examples().isEmpty(), name);
    for (String example : command.examples()) {
      String[] words = example.split(" ");
      assertEquals("troupe", words[0], example);
      CliArgs cli = assertDoesNotThrow(() -> new TroupeMain().parse(Arrays.copyOfRange(words, 1, words.length)),
          example);
      assertEquals(name, cli.command(), example);
      cli.positionals().stream().filter(p -> p.startsWith("conf/"))
          .forEach(p -> assertTrue(Files.isRegularFile(ProjectRoot.get().resolve(p)), example + ": no " + p));
    }
  }

  @Test
  void theOverallUsageListsEveryCommandAndPointsAtTheirHelp() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
      CliRun r = CliRun.of(args);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().startsWith("usage: troupe <command>"), r.out());
      assertTrue(r.out().contains("troupe <command> --help"), r.out());
      for (String name : COMMANDS) {
        assertTrue(r.out().contains("\n  " + name + " "), name + " in\n" + r.out());
      }
    }
    CliRun none = CliRun.of();
    assertEquals(2, none.code());
    assertEquals("", none.out());
    assertTrue(none.err().startsWith("usage: troupe <command>"), none.err());
  }

  @Test
  void helpForNoSuchCommandIsBadInput() {
    CliRun r = CliRun.of("help", "trian");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown command \"trian\"; available: validate"), r.err());
    assertEquals(2, CliRun.of("help", "sweep", "train").code());
  }
}
