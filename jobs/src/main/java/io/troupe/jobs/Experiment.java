package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.DataSource;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSize;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.data.SparkDataLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunStores;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A command's one config, resolved with its --set overrides, and its data, split.
 *
 * <p>Data from files is read with the config. A spark source (data.source: spark) is read through a
 * SparkSession: a command that runs on Spark reads it through its own session once that has started
 * ({@link #loadForSpark}, then {@link #onSpark} or {@link #splits(SparkSession, PrintStream)}), so on
 * a cluster the executors read it; any other command through a local session that lives only for
 * the read ({@link #load}).
 */
record Experiment(Path config, ExperimentSpec spec, DataSplits splits) {

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
    return new Experiment(config, spec, readsSpark(spec) ? null : DataLoader.load(spec.data(), spec.dataSeed()));
  }

  /** The data: as loaded when it came from files, else the spark source read through the command's {@code spark}. */
  DataSplits splits(SparkSession spark, PrintStream err) {
    return splits != null ? splits : read(spec, spark, err);
  }

  /** A config's data for a command without a session of its own: a spark source through a local one, stopped after. */
  static DataSplits data(ExperimentSpec spec, String master, PrintStream err) {
    if (!readsSpark(spec)) {
      return DataLoader.load(spec.data(), spec.dataSeed());
    }
    SparkSession spark = SparkSessions.start(spec, master);
    try {
      return read(spec, spark, err);
    } finally {
      spark.stop();
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

  /**
   * {@code <out>/<name>}, where this experiment's results go: a local path (absolute) or a URI
   * such as {@code hdfs://namenode/runs/<name>}. The config already limits the name to a plain
   * directory name; this refuses, as bad input, any that would still lead outside --out.
   */
  String dir(String out) {
    return RunStores.child(RunStores.normalize(out), spec.name(), "name");
  }

  /** What a command does on Spark with its run open and its data read. */
  @FunctionalInterface
  interface SparkWork {
    int run(RunDirectory run, SparkSession spark, DataSplits splits) throws Exception;
  }

  /**
   * Runs {@code work} with the run at {@code dir} open (lock, manifest check, earlier results
   * refused without --resume) and the command's session started, stopping both after. Data from
   * files is already read, so the run is opened before Spark starts and a refused run costs no
   * cluster time; a spark source is read through the session first (its fingerprint is part of
   * the run's manifest).
   */
  int onSpark(String dir, CliArgs args, PrintStream err, SparkWork work) throws Exception {
    SparkConf conf = SparkSessions.conf(spec, args.master());
    if (splits != null) {
      try (RunDirectory run = openRun(dir, args, conf, splits)) {
        SparkSession spark = SparkSessions.start(conf);
        try {
          return work.run(run, spark, splits);
        } finally {
          spark.stop();
        }
      }
    }
    SparkSession spark = SparkSessions.start(conf);
    try {
      DataSplits read = read(spec, spark, err);
      try (RunDirectory run = openRun(dir, args, conf, read)) {
        return work.run(run, spark, read);
      }
    } finally {
      spark.stop();
    }
  }

  private RunDirectory openRun(String dir, CliArgs args, SparkConf session, DataSplits data) throws Exception {
    return RunDirectory.openFor(spec, data.sourceFingerprint(), args.invocation(), dir,
        RunStores.hadoopConf(session), args.resume());
  }

  private static Path config(CliArgs args) {
    if (args.configs().size() != 1) {
      throw new InvalidInputException(args.command() + ": expected exactly one config, got " + args.configs().size());
    }
    return args.configs().get(0);
  }

  private static boolean readsSpark(ExperimentSpec spec) {
    return spec.data().source() == DataSource.SPARK;
  }

  // Executors hold a copy of the splits, so their size is said where the data is read.
  private static DataSplits read(ExperimentSpec spec, SparkSession spark, PrintStream err) {
    long start = System.nanoTime();
    DataSplits splits = DataLoader.split(SparkDataLoader.load(spark, spec.data()), spec.data(), spec.dataSeed());
    err.printf("troupe: data.spark: read %s and %s in %.1f s; every executor holds %s%n",
        spec.data().spark().train().describe(), spec.data().spark().test().describe(),
        (System.nanoTime() - start) / 1e9, DataSize.of(splits).describe());
    return splits;
  }
}
