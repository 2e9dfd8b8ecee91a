package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.driver.store.RunStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code <command> <config.yaml>... [--out DIR|URI] [--set path=value]...
 * [--master URL] [--resume] [--verbose] [--print] [--strategy NAME] [--from-sweep] [--show-test] [--json FILE]}. Options
 * may come in any order. {@code --json} asks the benchmark commands to write their figures to FILE as well.
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

  public static CliArgs parse(String[] args) {
    if (args.length == 0) {
      throw new InvalidInputException("no command given");
    }
    String command = args[0];
    List<String> positionals = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    String out = DEFAULT_OUT;
    String master = null;
    boolean resume = false;
    boolean verbose = false;
    boolean print = false;
    String strategy = null;
    boolean fromSweep = false;
    boolean showTest = false;
    Path json = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--out" -> out = value(args, ++i, "--out", "a directory or a URI such as hdfs://namenode/runs or s3a://bucket/runs");
        case "--set" -> sets.add(value(args, ++i, "--set", "path=value"));
        case "--master" -> master = value(args, ++i, "--master", "a Spark master URL such as spark://host:7077 or local[2]");
        case "--resume" -> resume = true;
        case "--verbose", "-v" -> verbose = true;
        case "--print" -> print = true;
        case "--strategy" -> strategy = value(args, ++i, "--strategy", "an ensemble strategy such as bagging");
        case "--from-sweep" -> fromSweep = true;
        case "--show-test" -> showTest = true;
        case "--json" -> json = Path.of(value(args, ++i, "--json", "a file to write the figures to"));
        default -> {
          if (arg.startsWith("--set=")) {
            sets.add(arg.substring("--set=".length()));
          } else if (arg.startsWith("-")) {
            throw new InvalidInputException("unknown option " + arg + "; options: --out DIR, --set path=value, --master URL, --resume, --verbose, --print, --strategy NAME, --from-sweep, --show-test, --json FILE");
          } else {
            positionals.add(arg);
          }
        }
      }
    }
    return new CliArgs(command, positionals, out, sets, master, resume, verbose, print, strategy, fromSweep, showTest,
        json, List.of(args));
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

  private static String value(String[] args, int i, String option, String expected) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new InvalidInputException(option + ": missing value; expected " + expected);
    }
    return args[i];
  }
}
