package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.model.NativeBackend;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Troupe's command line and spark-submit entry point:
 * {@code troupe <command> <config.yaml> [--out DIR] [--set path=value]... [--master URL] [--resume] [--verbose]};
 * each command's options and examples in {@code troupe <command> --help}.
 * Exit codes: 0 success, 2 bad input (config, data, arguments), 1 any other failure.
 */
public final class TroupeMain {
  static {
    NativeBackend.selectLibrary(); // before any command touches ND4J, also under a bare spark-submit
  }

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  /** The first argument that asks for help rather than a command. */
  private static final Set<String> HELP = Set.of("help", "--help", "-h");

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
    register(new BenchDriverCommand());
    register(new BenchDataParallelCommand());
    register(new BenchMllibCommand());
    register(new BenchSearchCommand());
    register(new ReportCommand());
    register(new FashionParquetCommand());
  }

  private void register(Command command) {
    commands.put(command.name(), command);
  }

  /** This CLI with {@code command} in place of the one of its name: tests run a command at a smaller scale. */
  TroupeMain with(Command command) {
    register(command);
    return this;
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
      if (args.length == 0) {
        err.print(usage());
        return BAD_INPUT;
      }
      if (HELP.contains(args[0])) {
        out.print(help(args));
        return OK;
      }
      CliArgs cli = parse(args);
      if (cli.help()) {
        out.print(syntax(cli.command()).help());
        return OK;
      }
      return command(cli.command()).run(cli, out, err);
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

  /** {@code args} (the command's name first) against that command's options. */
  CliArgs parse(String[] args) {
    return syntax(args[0]).parse(args);
  }

  /** {@code help} alone: the usage; {@code help <command>}: that command's help. */
  private String help(String[] args) {
    if (args.length > 2) {
      throw new InvalidInputException("help: expected at most one command, got " + (args.length - 1)
          + "; usage: troupe help [<command>]");
    }
    return args.length == 1 ? usage() : syntax(args[1]).help();
  }

  private CommandSyntax syntax(String name) {
    return new CommandSyntax(command(name), commands.values());
  }

  /** The command called {@code name}; an unknown one is bad input. */
  Command command(String name) {
    Command command = commands.get(name);
    if (command == null) {
      throw new InvalidInputException("unknown command \"" + name + "\"; available: "
          + String.join(", ", commands.keySet()));
    }
    return command;
  }

  String usage() {
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder s = new StringBuilder();
    s.append("usage: troupe <command> <config.yaml> [--out DIR] [--set path=value]... [--master URL] [--resume] [--verbose]\n");
    s.append("       troupe report <out>/<name>/ [--verbose]\n");
    s.append("       troupe fashion-parquet [IDX_DIR] [--out DIR]\n");
    s.append("       troupe bench-search [optuna-search.json] [--json FILE]\n");
    s.append("       troupe <command> --help   (or troupe help <command>: its options, with examples)\n\n");
    s.append("commands:\n");
    commands.values().forEach(c -> s.append(String.format("  %-" + width + "s  %s%n", c.name(), c.summary())));
    s.append("\nEach command takes only the options its --help lists; -v/--verbose (stack traces and more logging)"
        + " and -h/--help go with every one.\n");
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
