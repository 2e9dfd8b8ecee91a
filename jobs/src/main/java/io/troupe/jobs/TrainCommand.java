package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.api.TrainListener;
import io.troupe.driver.api.TrainOutcome;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialSpec;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Trains a config as one trial, locally, printing a line per epoch, and adds the result to the
 * run's records in {@code <out>/<name>/} (and so to its trials.jsonl); the model, averages,
 * snapshots and predictions go to {@code <out>/<name>/artifacts/}. The trial id is fixed, so the
 * same config trains the same way; another config under the same name is refused (run.json).
 * Spark starts only to read a spark source.
 */
final class TrainCommand implements Command {
  @Override
  public String name() {
    return "train";
  }

  @Override
  public String summary() {
    return "train the config as a single trial locally; appends to <out>/<name>/trials.jsonl";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe train conf/examples/fashion-mlp.yaml",
        "troupe train conf/examples/fashion-mlp.yaml --set train.epochs=30 --set name=mlp-30 --out out");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun experiment = Experiment.run(args);
    TrainOutcome outcome;
    try (CommandSession session = CommandSession.of(experiment.spec(), args.master())) {
      outcome = session.troupe(err).train(experiment, lines(out));
    }
    out.print(ResultSummary.describe(outcome.result()));
    out.println("results: " + outcome.trialsFile());
    return outcome.failed() ? TroupeMain.FAILURE : TroupeMain.OK;
  }

  /** What trains on what, then one line per epoch, on stdout. */
  private static TrainListener lines(PrintStream out) {
    return new TrainListener() {
      @Override
      public void starting(ExperimentSpec spec, DataSplits splits, TrialSpec trial) {
        out.printf("training %s: %d train / %d validation / %d test examples, seed %d%n", spec.name(),
            splits.train().size(), splits.validation().size(), splits.test().size(), trial.seed());
      }

      @Override
      public void epochEnded(String trialId, EpochStats stats, int epochs) {
        out.println(EpochLine.format(trialId, stats, epochs));
      }
    };
  }
}
