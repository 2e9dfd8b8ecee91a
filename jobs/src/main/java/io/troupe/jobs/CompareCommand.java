package io.troupe.jobs;

import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.ensemble.EnsembleOutcome;
import io.troupe.driver.ensemble.EnsembleRunner;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.sweep.SweepProgress;
import java.io.PrintStream;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Builds every ensemble strategy the config names (ensemble.strategies), trains their members in
 * parallel on Spark and prints the comparison table; also writes it to comparison.csv and
 * comparison.md, with members-curve.csv, under {@code <out>/<name>/ensembles/}. --resume continues.
 */
final class CompareCommand implements Command {
  /** Members, their artifacts and the tables go to {@code <out>/<name>/ensembles/}. */
  static final String ENSEMBLES_DIR = "ensembles";

  @Override
  public String name() {
    return "compare";
  }

  @Override
  public String summary() {
    return "build the config's ensemble strategies and print the comparison table (comparison.csv/.md)";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    Experiment experiment = Experiment.loadForSpark(args);
    return run(experiment, Set.copyOf(experiment.spec().ensemble().strategies()), "comparison", args, out, err);
  }

  /** Shared with {@code ensemble}, which builds one strategy into its own table. */
  static int run(Experiment experiment, Set<EnsembleStrategy> strategies, String stem, CliArgs args, PrintStream out,
      PrintStream err) throws Exception {
    // Beside a sweep of the same name (compare often runs on a sweep's best.yaml), not in it.
    String dir = experiment.dir(args.out()) + "/" + ENSEMBLES_DIR;
    return experiment.onSpark(dir, args, err,
        (run, spark, splits) -> compare(experiment.spec(), splits, strategies, stem, run, spark, out, err));
  }

  private static int compare(ExperimentSpec spec, DataSplits splits, Set<EnsembleStrategy> strategies, String stem,
      RunDirectory run, SparkSession spark, PrintStream out, PrintStream err) throws Exception {
    SweepProgress progress = new SweepProgress(err, spec.objectiveMetric().configName(), spec.objectiveDirection());
    err.printf("troupe: %s %s on %s%n", stem, spec.name(), spark.sparkContext().master());
    if (spec.search().strategy() != io.troupe.config.SearchStrategy.NONE) {
      err.println("troupe: note: the search section is ignored here; to ensemble the best model, run sweep and"
          + " compare its best.yaml");
    }
    EnsembleOutcome outcome = new EnsembleRunner(spec, splits, spark, run, progress, strategies, stem)
        .run();
    if (outcome.stoppedOnFailures()) {
      err.println("troupe: stopped: " + outcome.stopReason());
      return TroupeMain.FAILURE;
    }
    out.println("test-set comparison (" + splits.test().size() + " examples):");
    out.print(outcome.table().toText());
    outcome.notes().forEach(n -> out.println("note: " + n));
    out.println("table: " + outcome.tableCsv() + " and " + outcome.tableMarkdown());
    out.println("members curve: " + outcome.curveCsv());
    out.println("member runs: " + outcome.trialsFile());
    return TroupeMain.OK;
  }
}
