package io.troupe.jobs;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** One CLI command. Returns the exit code; throws InvalidInputException for bad input (exit 2). */
interface Command {
  String name();

  /** One line for the usage message. */
  String summary();

  /** Its positional arguments as its usage shows them, e.g. {@code <config.yaml>}; the command checks their number. */
  default String arguments() {
    return "<config.yaml>";
  }

  /** The options it takes besides --verbose and --help; any other is refused as bad input. */
  Set<CliOption> options();

  /** Command lines its --help shows, with paths as seen from the project's root. */
  List<String> examples();

  int run(CliArgs args, PrintStream out, PrintStream err) throws Exception;
}
