package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunStores;
import java.io.IOException;
import org.apache.spark.SparkConf;
import java.nio.file.Path;

/** A command's one config, resolved with its --set overrides, and its data, split. */
record Experiment(Path config, ExperimentSpec spec, DataSplits splits) {

  /** Loads the single config a command takes; more or fewer is bad input. */
  static Experiment load(CliArgs args) {
    if (args.configs().size() != 1) {
      throw new InvalidInputException(args.command() + ": expected exactly one config, got " + args.configs().size());
    }
    Path config = args.configs().get(0);
    ExperimentSpec spec = ConfigLoader.load(config, args.sets());
    return new Experiment(config, spec, DataLoader.load(spec.data(), spec.dataSeed()));
  }

  /**
   * {@code <out>/<name>}, where this experiment's results go: a local path (absolute) or a URI
   * such as {@code hdfs://namenode/runs/<name>}. The config already limits the name to a plain
   * directory name; this refuses, as bad input, any that would still lead outside --out.
   */
  String dir(String out) {
    return RunStores.child(RunStores.normalize(out), spec.name(), "name");
  }

  /**
   * Opens the run at {@code dir} for this command (lock, manifest check, earlier results refused
   * without --resume), with the Hadoop settings of the session about to start: before Spark
   * starts, so a refused run costs no cluster time.
   */
  RunDirectory openRun(String dir, CliArgs args, SparkConf session) throws IOException, InterruptedException {
    return RunDirectory.openFor(spec, splits.sourceFingerprint(), args.invocation(), dir,
        RunStores.hadoopConf(session), args.resume());
  }
}
