package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.sweep.Leaderboard;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import java.io.PrintStream;
import org.apache.spark.sql.SparkSession;

/**
 * Fans a config's search out on Spark: embedded local Spark by default, a cluster with --master
 * or under spark-submit. Each result is stored in {@code <out>/<name>/} as it ends; --resume continues
 * a run. Progress goes to stderr, the leaderboard to stdout. Exit 1 if the sweep stopped because
 * too many trials failed.
 */
final class SweepCommand implements Command {
  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "run the config's search on Spark; each result is stored in <out>/<name>/ as it ends (--resume continues)";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.loadForSpark(args);
    String metric = experiment.spec().objectiveMetric().configName();
    return experiment.onSpark(experiment.dir(args.out()), args, err,
        (run, spark, splits) -> sweep(experiment.spec(), splits, run, spark, metric, out, err));
  }

  private static int sweep(ExperimentSpec spec, DataSplits splits, RunDirectory run, SparkSession spark, String metric,
      PrintStream out, PrintStream err) throws Exception {
    SweepRunner runner = new SweepRunner(spec, splits, spark, run,
        new SweepProgress(err, metric, spec.objectiveDirection()));
    err.printf("troupe: sweep %s on %s with %d slots%n", spec.name(), spark.sparkContext().master(),
        runner.slots());
    SweepOutcome outcome = runner.run();
    out.print(Leaderboard.render(outcome.ranked(), metric, 10));
    outcome.warnings().forEach(w -> out.println("warning: " + w));
    out.println("results: " + outcome.trialsFile());
    if (outcome.bestConfig() != null) {
      out.println("best config: " + outcome.bestConfig());
    }
    if (outcome.stoppedOnFailures()) {
      err.println("troupe: sweep stopped: " + outcome.stopReason());
      return TroupeMain.FAILURE;
    }
    return TroupeMain.OK;
  }
}
