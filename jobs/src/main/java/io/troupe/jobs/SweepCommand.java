package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.sweep.Leaderboard;
import io.troupe.driver.sweep.SweepOutcome;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Fans a config's search out on Spark: embedded local Spark by default, a cluster with --master
 * or under spark-submit. Each result is stored in {@code <out>/<name>/} as it ends, and report.html
 * rewritten (it reloads itself until the final one); --resume continues a run. Progress goes to
 * stderr, the leaderboard to stdout. Exit 1 if the sweep stopped because too many trials failed.
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
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER, CliOption.RESUME, CliOption.SHOW_TEST);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe sweep conf/examples/seed002-coarse-to-fine.yaml",
        "troupe sweep conf/examples/seed002-coarse-to-fine.yaml --resume",
        "troupe sweep conf/examples/seed002-coarse-to-fine.yaml --master spark://host:7077 --out hdfs://namenode/runs");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    ExperimentRun experiment = Experiment.run(args);
    ExperimentSpec spec = experiment.spec();
    try (CommandSession session = CommandSession.of(spec, args.master())) {
      SweepOutcome outcome;
      // report.html follows the sweep as trials end; closed before the final report is written.
      try (LiveReport live = LiveReport.of(experiment.location(), err)) {
        outcome = session.troupe(err).onTrialEnd(live).sweep(experiment);
      }
      int code = print(outcome, spec, args.showTest(), out, err);
      RunReport.writeAfter(experiment.location(), out, err);
      return code;
    }
  }

  private static int print(SweepOutcome outcome, ExperimentSpec spec, boolean showTest, PrintStream out,
      PrintStream err) {
    out.print(Leaderboard.render(outcome.ranked(), spec.objectiveMetric().configName(), spec.objectiveDirection(), 10,
        showTest));
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
