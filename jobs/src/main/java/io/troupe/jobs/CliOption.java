package io.troupe.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every option of the command line, with what its --help says and what its value must be. Each
 * command takes a subset ({@link Command#options()}); --verbose and --help go with every command.
 * A description's \n starts a new line of its help.
 */
enum CliOption {
  OUT("--out", "DIR", "a directory or a URI such as hdfs://namenode/runs or s3a://bucket/runs",
      "where results go (default out):\na directory, or a URI such as hdfs://namenode/runs or s3a://bucket/runs"),
  SET("--set", "path=value", "path=value",
      "override a config field, e.g. --set train.optimizer.lr=0.01; repeat it for more fields"),
  MASTER("--master", "URL", "a Spark master URL such as spark://host:7077 or local[2]",
      "Spark master (default: the config's spark.master, else embedded local[*])"),
  RESUME(List.of("--resume"), "continue the run in <out>/<name>/, skipping what already ended"),
  PRINT(List.of("--print"), "print the resolved config (every default filled in)"),
  STRATEGY("--strategy", "NAME", "an ensemble strategy such as bagging",
      "the ensemble strategy to build (single, true, bagging, snapshots, ...); default: the config's first"),
  FROM_SWEEP(List.of("--from-sweep"),
      "ensembles of the finished sweep's stored trials (same config and --out), no training"),
  SHOW_TEST(List.of("--show-test"),
      "show the test figure in the leaderboard (hidden by default: choose on validation)"),
  JSON("--json", "FILE", "a file to write the figures to", "also write the figures to FILE, as JSON"),
  VERBOSE(List.of("-v", "--verbose"), "stack traces and more logging"),
  HELP(List.of("-h", "--help"), "show this help: the command's options and examples");

  private final List<String> names;
  private final String label;
  private final String expected;
  private final String description;

  /** An option with a value: {@code expected} says what the value must be when it is missing. */
  CliOption(String name, String label, String expected, String description) {
    this(List.of(name), label, expected, description);
  }

  /** A flag. */
  CliOption(List<String> names, String description) {
    this(names, null, null, description);
  }

  CliOption(List<String> names, String label, String expected, String description) {
    this.names = names;
    this.label = label;
    this.expected = expected;
    this.description = description;
  }

  /** The option named so (without any {@code =value}), if there is one. */
  static Optional<CliOption> named(String name) {
    return Arrays.stream(values()).filter(o -> o.names.contains(name)).findFirst();
  }

  List<String> names() {
    return names;
  }

  /** The long name, which is how messages and the parse result refer to it. */
  String longName() {
    return names.get(names.size() - 1);
  }

  boolean takesValue() {
    return label != null;
  }

  /** Whether it may be given more than once, each value kept (--set); others keep the last. */
  boolean repeats() {
    return this == SET;
  }

  /** The value's name in help, e.g. DIR; null for a flag. */
  String label() {
    return label;
  }

  /** What the value must be, for the message when it is missing; null for a flag. */
  String expected() {
    return expected;
  }

  String description() {
    return description;
  }

  /** As messages list it: {@code --out DIR}, {@code -v/--verbose}. */
  String usage() {
    return String.join("/", names) + (takesValue() ? " " + label : "");
  }
}
