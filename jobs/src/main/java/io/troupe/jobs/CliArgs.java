package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.driver.store.RunStores;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * A parsed command line: {@code <command> <arguments>... [options]}, options in any order, each
 * one the command takes ({@link CliOption}); one it does not take is absent here (false, null or
 * the default). {@code help} is --help or -h: the command is not run, its help is printed.
 */
public record CliArgs(
    String command,
    List<String> positionals,
    String out,
    List<String> sets,
    String master,
    boolean resume,
    boolean verbose,
    boolean print,
    String strategy,
    boolean fromSweep,
    boolean showTest,
    Path json,
    boolean help,
    List<String> commandLine) {

  public static final String DEFAULT_OUT = "out";

  public CliArgs {
    positionals = List.copyOf(positionals);
    sets = List.copyOf(sets);
    commandLine = List.copyOf(commandLine);
  }

  /** The positional arguments as config files. */
  public List<Path> configs() {
    return positionals.stream().map(Path::of).toList();
  }

  /** --out as a local directory, for commands that write only on this machine (benchmarks). */
  public Path localOut() {
    if (!RunStores.isLocal(out)) {
      throw new InvalidInputException(command + ": --out must be a local directory here, got " + out);
    }
    return Path.of(RunStores.normalize(out));
  }

  /** The command line {@code args} (the command's name first) as picocli parsed the rest ({@link CommandSyntax}). */
  static CliArgs of(String[] args, ParseResult parsed) {
    String json = value(parsed, CliOption.JSON, null);
    List<String> sets = parsed.matchedOptionValue(CliOption.SET.longName(), List.of());
    return new CliArgs(args[0], parsed.matchedPositionalValue(0, List.<String>of()),
        value(parsed, CliOption.OUT, DEFAULT_OUT), sets, value(parsed, CliOption.MASTER, null), flag(parsed, CliOption.RESUME), flag(parsed, CliOption.VERBOSE),
        flag(parsed, CliOption.PRINT), value(parsed, CliOption.STRATEGY, null), flag(parsed, CliOption.FROM_SWEEP),
        flag(parsed, CliOption.SHOW_TEST), json == null ? null : Path.of(json), flag(parsed, CliOption.HELP),
        List.of(args));
  }

  /** Whether --verbose appears anywhere, even when the rest fails to parse. */
  public static boolean wantsVerbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--verbose") || arg.equals("-v")) {
        return true;
      }
    }
    return false;
  }

  private static String value(ParseResult parsed, CliOption option, String absent) {
    return parsed.matchedOptionValue(option.longName(), absent);
  }

  private static boolean flag(ParseResult parsed, CliOption option) {
    return parsed.matchedOptionValue(option.longName(), false);
  }
}
