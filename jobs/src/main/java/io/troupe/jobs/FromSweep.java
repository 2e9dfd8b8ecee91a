package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.Metric;
import io.troupe.data.DataSplits;
import io.troupe.data.Task;
import io.troupe.driver.api.ExperimentRun;
import io.troupe.driver.ensemble.SweepSelection;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.RunStores;
import io.troupe.jobs.report.SelectionChart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * {@code ensemble <config> --from-sweep}: ensembles of the sweep run in {@code <out>/<name>/} built
 * from the predictions its trials stored, with no training and no Spark job: the best trial, the
 * top k averaged and voted, greedy ensemble selection. The tables go to
 * {@code <out>/<name>/selection/}: selection.csv/.md, selection-steps.csv and selection-steps.png; the
 * sweep's report.html is rewritten with them.
 */
final class FromSweep {
  private FromSweep() {}

  static int run(CliArgs args, PrintStream out, PrintStream err) throws IOException {
    ExperimentRun experiment = Experiment.run(args);
    ExperimentSpec spec = experiment.spec();
    String dir = experiment.location();
    // No Spark session here: Hadoop settings come from spark.hadoop.* system properties (as spark-submit sets them).
    Configuration hadoop = RunStores.hadoopConf(new SparkConf());
    ArtifactStore run = RunStores.open(dir, hadoop);
    RunManifest sweep = RunDirectory.readManifest(run);
    if (sweep == null) {
      throw new InvalidInputException(run.describe(RunManifest.FILE) + " is missing: no sweep of \"" + spec.name()
          + "\" ran with this --out; run `sweep` with the same config and --out first");
    }
    DataSplits splits = Experiment.data(spec, args.master(), err);
    if (sweep.dataFingerprint() != null && !sweep.dataFingerprint().equals(splits.sourceFingerprint())) {
      throw new InvalidInputException("data: the sweep in " + dir + " ran on data " + sweep.dataFingerprint()
          + ", this config reads " + splits.sourceFingerprint() + "; its stored predictions would not line up");
    }
    SweepSelection.Outcome o = SweepSelection.build(spec, splits, run, RunStores.open(dir + "/artifacts", hadoop));
    String testFigure = splits.test().task() == Task.REGRESSION ? "mse" : "accuracy";
    String csv = write(run, "selection.csv", o.table().toCsv());
    String md = write(run, "selection.md", o.table().toMarkdown());
    String steps = write(run, "selection-steps.csv", SweepSelection.stepsCsv(o.steps(), testFigure));
    double bestTrial = o.table().rows().get(0).figure(testFigure);
    byte[] png = SelectionChart.png(o.steps(), testFigure, bestTrial, spec.objectiveMetric() == Metric.VAL_ACCURACY);
    String chart = writeBytes(run, "selection-steps.png", png);
    out.println("ensembles of sweep " + spec.name() + " from stored predictions (test set, " + splits.test().size()
        + " examples):");
    out.print(o.table().toText());
    out.println("greedy selection weights:");
    o.weights().forEach((id, w) -> out.printf(Locale.ROOT, "  %-14s %.3f%n", id, w));
    o.notes().forEach(n -> out.println("note: " + n));
    out.println("tables: " + csv + ", " + md + " and " + steps + "; chart: " + chart);
    // The sweep's report gains its selection section.
    RunReport.writeAfter(dir, out, err);
    return TroupeMain.OK;
  }

  private static String write(ArtifactStore run, String name, String text) throws IOException {
    return writeBytes(run, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String writeBytes(ArtifactStore run, String name, byte[] bytes) throws IOException {
    String key = SweepSelection.DIR + "/" + name;
    run.write(key, o -> o.write(bytes));
    return run.describe(key);
  }
}
