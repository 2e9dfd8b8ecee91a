package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.SearchStrategy;
import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunStores;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * Trains a config as one trial, locally, printing a line per epoch, and adds the result to the
 * run's records in {@code <out>/<name>/} (and so to its trials.jsonl); the model, averages,
 * snapshots and predictions go to {@code <out>/<name>/artifacts/}. The trial id is fixed, so the
 * same config trains the same way; another config under the same name is refused (run.json).
 */
final class TrainCommand implements Command {
  static final String TRIAL_ID = "train";

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String summary() {
    return "train the config as a single trial locally; appends to <out>/<name>/trials.jsonl";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.load(args, err);
    ExperimentSpec spec = experiment.spec();
    if (spec.search().strategy() != SearchStrategy.NONE) {
      err.println("troupe: note: train runs the config itself as one trial; search.space is ignored (use sweep)");
    }
    DataSplits splits = experiment.splits();
    String dir = experiment.dir(args.out());
    TrialSpec trial = TrialSpec.of(spec, TRIAL_ID, Map.of());
    // No Spark session here: Hadoop settings come from spark.hadoop.* system properties (as spark-submit sets them).
    Configuration hadoop = RunStores.hadoopConf(new SparkConf());
    TrialResult result;
    // Each train adds a record to the same run, as long as the config is the one the run started with.
    try (RunDirectory run = RunDirectory.openFor(spec, splits.sourceFingerprint(), args.invocation(), dir, hadoop,
        true)) {
      run.notes().forEach(n -> err.println("troupe: note: " + n));
      out.printf("training %s: %d train / %d validation / %d test examples, seed %d%n", spec.name(),
          splits.train().size(), splits.validation().size(), splits.test().size(), trial.seed());
      TrialRunner runner = new TrialRunner(RunStores.open(run.artifactsLocation(), hadoop),
          (id, stats, epochs) -> out.println(EpochLine.format(id, stats, epochs)));
      result = runner.run(trial, splits);
      run.store().append(result);
      out.print(ResultSummary.describe(result));
      out.println("results: " + run.store().viewLocation());
    }
    return result instanceof TrialResult.Failed ? TroupeMain.FAILURE : TroupeMain.OK;
  }
}
