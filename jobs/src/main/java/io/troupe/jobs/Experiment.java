package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.data.ExperimentData;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A command's one config, resolved with its --set overrides, and its data, split.
 *
 * <p>The commands that run experiments (sweep, compare, ensemble, train, bench-mllib) hand the
 * config to the API as an {@link ExperimentRun} ({@link #run}). The others load it here: data from
 * files with the config; a spark source (data.source: spark) through a SparkSession, either the
 * command's own once it has started ({@link #loadForSpark}, then {@link #splits(SparkSession,
 * PrintStream)}), so on a cluster the executors read it, or a local one that lives only for the read
 * ({@link #load}).
 */
record Experiment(Path config, ExperimentSpec spec, DataSplits splits) {

  /** The command's config for the API, with its --set overrides, --out, --resume and command line. */
  static ExperimentRun run(CliArgs args) {
    ExperimentRun run = ExperimentRun.fromFile(config(args)).outputTo(args.out()).resume(args.resume())
        .commandLine(args.commandLine());
    for (String set : args.sets()) {
      run = run.set(set);
    }
    return run;
  }

  /** For a command that trains in this JVM: the config and its data; a spark source's size goes to {@code err}. */
  static Experiment load(CliArgs args, PrintStream err) {
    Path config = config(args);
    ExperimentSpec spec = ConfigLoader.load(config, args.sets());
    return new Experiment(config, spec, data(spec, args.master(), err));
  }

  /** For a command that runs on Spark: the config, and its data unless a spark source waits for its session. */
  static Experiment loadForSpark(CliArgs args) {
    Path config = config(args);
    ExperimentSpec spec = ConfigLoader.load(config, args.sets());
    return new Experiment(config, spec, ExperimentData.readsSpark(spec) ? null : ExperimentData.fromFiles(spec));
  }

  /** The data: as loaded when it came from files, else the spark source read through the command's {@code spark}. */
  DataSplits splits(SparkSession spark, PrintStream err) {
    return splits != null ? splits : ExperimentData.throughSpark(spec, spark, err);
  }

  /** A config's data for a command without a session of its own: a spark source through a local one, stopped after. */
  static DataSplits data(ExperimentSpec spec, String master, PrintStream err) {
    try (CommandSession session = CommandSession.of(spec, master)) {
      return ExperimentData.load(spec, session, err);
    }
  }

  /** The data, split; a spark source's comes from {@link #splits(SparkSession, PrintStream)} instead. */
  @Override
  public DataSplits splits() {
    if (splits == null) {
      throw new IllegalStateException("data.source spark is read through the command's session: splits(spark, err)");
    }
    return splits;
  }

  /** {@code <out>/<name>}, where this experiment's results go (see {@link ExperimentRun#location()}). */
  String dir(String out) {
    return ExperimentRun.of(spec).outputTo(out).location();
  }

  private static Path config(CliArgs args) {
    if (args.configs().size() != 1) {
      throw new InvalidInputException(args.command() + ": expected exactly one config, got " + args.configs().size());
    }
    return args.configs().get(0);
  }
}
