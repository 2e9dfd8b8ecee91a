package io.troupe.jobs;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SearchStrategy;
import io.troupe.data.DataSplits;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialsFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains a config as one trial, locally, printing a line per epoch, and appends the result to
 * {@code <out>/<name>/trials.jsonl}; the model, averages, snapshots and predictions go to
 * {@code <out>/<name>/artifacts/}. The trial id is fixed, so the same config trains the same way.
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
    Path dir = experiment.dir(args.out());
    TrialSpec trial = TrialSpec.of(spec, TRIAL_ID, Map.of());
    out.printf("training %s: %d train / %d validation / %d test examples, seed %d%n", spec.name(),
        splits.train().size(), splits.validation().size(), splits.test().size(), trial.seed());
    TrialRunner runner = new TrialRunner(new LocalArtifactStore(dir.resolve("artifacts")),
        (id, stats, epochs) -> out.println(EpochLine.format(id, stats, epochs)));
    TrialResult result = runner.run(trial, splits);
    TrialsFile.append(dir.resolve(TrialsFile.NAME), result);
    out.print(ResultSummary.describe(result));
    out.println("results: " + dir.resolve(TrialsFile.NAME));
    return result instanceof TrialResult.Failed ? TroupeMain.FAILURE : TroupeMain.OK;
  }
}
