package io.troupe.jobs;

import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.sweep.Leaderboard;
import io.troupe.driver.sweep.SweepOutcome;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.driver.sweep.SweepRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Fans a config's search out on Spark: embedded local Spark by default, a cluster with --master
 * or under spark-submit. Results stream to {@code <out>/<name>/trials.jsonl}; --resume continues
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
    return "run the config's search on Spark; results stream to <out>/<name>/trials.jsonl (--resume continues)";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.loadForSpark(args);
    Path dir = experiment.dir(args.out());
    String metric = experiment.spec().objectiveMetric().configName();
    SparkSession spark = SparkSessions.start(experiment.spec(), args.master());
    try {
      SweepRunner runner = new SweepRunner(experiment.spec(), experiment.splits(spark, err), spark, dir,
          new SweepProgress(err, metric, experiment.spec().objectiveDirection()));
      err.printf("troupe: sweep %s on %s with %d slots%n", experiment.spec().name(), spark.sparkContext().master(),
          runner.slots());
      SweepOutcome outcome = runner.run(args.resume());
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
    } finally {
      spark.stop();
    }
  }
}
