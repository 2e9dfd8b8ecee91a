package io.troupe.jobs;

import java.io.PrintStream;

/** One CLI command. Returns the exit code; throws InvalidInputException for bad input (exit 2). */
interface Command {
  String name();

  /** One line for the usage message. */
  String summary();

  int run(CliArgs args, PrintStream out, PrintStream err) throws Exception;
}
