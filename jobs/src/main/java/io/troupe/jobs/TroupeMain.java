package io.troupe.jobs;

import io.troupe.InvalidInputException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Troupe's command line and spark-submit entry point:
 * {@code troupe <command> <config.yaml> [--out DIR] [--set path=value]... [--master URL] [--resume] [--verbose]}.
 * Exit codes: 0 success, 2 bad input (config, data, arguments), 1 any other failure.
 */
public final class TroupeMain {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();

  public TroupeMain() {
    register(new ValidateCommand());
    register(new TrainCommand());
    register(new CheckCommand());
    register(new BenchCommand());
    register(new SweepCommand());
    register(new EnsembleCommand());
    register(new CompareCommand());
    register(new BenchDispatchCommand());
    register(new BenchMllibCommand());
    register(new ReportCommand());
    register(new FashionParquetCommand());
  }

  private void register(Command command) {
    commands.put(command.name(), command);
  }

  public static void main(String[] args) {
    int code = new TroupeMain().run(args, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; {@link #main} exits with it. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    boolean verbose = CliArgs.wantsVerbose(args);
    try {
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
        (args.length == 0 ? err : out).print(usage());
        return args.length == 0 ? BAD_INPUT : OK;
      }
      CliArgs cli = CliArgs.parse(args);
      Command command = commands.get(cli.command());
      if (command == null) {
        throw new InvalidInputException("unknown command \"" + cli.command() + "\"; available: "
            + String.join(", ", commands.keySet()));
      }
      return command.run(cli, out, err);
    } catch (InvalidInputException e) {
      err.println("troupe: " + indent(e.getMessage()));
      if (verbose) {
        e.printStackTrace(err);
      }
      return BAD_INPUT;
    } catch (Exception | Error e) {
      err.println("troupe: failed: " + e);
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("  (run with --verbose for the stack trace)");
      }
      return FAILURE;
    }
  }

  String usage() {
    StringBuilder s = new StringBuilder();
    s.append("usage: troupe <command> <config.yaml> [--out DIR] [--set path=value]... [--master URL] [--resume] [--verbose]\n");
    s.append("       troupe report <out>/<name>/ [--verbose]\n");
    s.append("       troupe fashion-parquet [IDX_DIR] [--out DIR]\n\n");
    s.append("commands:\n");
    commands.values().forEach(c -> s.append(String.format("  %-10s %s%n", c.name(), c.summary())));
    s.append("\noptions:\n");
    s.append("  --out DIR          results go to DIR/<name>/ (default out)\n");
    s.append("  --set path=value   override any config field, e.g. --set train.optimizer.lr=0.01\n");
    s.append("  --master URL       Spark master (default: the config's spark.master, else embedded local[*])\n");
    s.append("  --resume           continue a run, skipping trials that already ended\n");
    s.append("  --print            print the resolved config (every default filled in)\n");
    s.append("  --strategy NAME    ensemble: the strategy to build (single, true, bagging, snapshots, ...)\n");
    s.append("  --from-sweep       ensemble: ensembles of the finished sweep's stored trials, no training\n");
    s.append("  --show-test        sweep: show the test figure in the leaderboard (hidden: choose on validation)\n");
    s.append("  --verbose          stack traces and more logging\n");
    s.append("\nexit codes: 0 success, 2 bad input (config, data, arguments), 1 other failures\n");
    return s.toString();
  }

  /** Multi-problem messages read as an indented list under the first line. */
  private static String indent(String message) {
    if (!message.contains("\n")) {
      return message;
    }
    return "invalid input:\n  " + message.replace("\n", "\n  ");
  }
}
