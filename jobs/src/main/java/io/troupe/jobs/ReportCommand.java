package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.store.TrialsParquet;
import io.troupe.jobs.report.ReportWriter;
import io.troupe.trial.TrialsFile;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Re-renders {@code <run-dir>/report.html} from an experiment's stored results (comparison.csv,
 * members-curve.csv, the run's records): no training, and no Spark unless a sweep whose driver
 * died before its end needs its trials.parquet rebuilt. Prints the report's path.
 */
final class ReportCommand implements Command {
  private static final String USAGE = "usage: troupe report <out>/<name>/";

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "write <run-dir>/report.html (tables and charts) from a run's stored results; no training";
  }

  @Override
  public String arguments() {
    return "<run-dir>";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.noneOf(CliOption.class);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe report out/seed002-coarse-to-fine/",
        "troupe report out/ensemble-comparison/ensembles/",
        "troupe report hdfs://namenode/runs/seed002-coarse-to-fine/");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    String dir = RunStores.normalize(runDir(args));
    // Before any chart class loads AWT: there is no display on servers and Spark nodes.
    System.setProperty("java.awt.headless", "true");
    // No Spark session here: Hadoop settings come from spark.hadoop.* system properties (as spark-submit sets them).
    ArtifactStore files = RunStores.open(dir, RunStores.hadoopConf(new SparkConf()));
    ReportWriter.Outcome outcome = new ReportWriter(Clock.systemUTC()).write(dir, files);
    if (outcome.viewRewritten()) {
      err.println("troupe: rewrote " + files.describe(TrialsFile.NAME) + " from the run's records");
      if (isSweep(files)) {
        rewriteParquet(dir);
        err.println("troupe: rewrote " + files.describe(TrialsParquet.NAME) + " from it");
      }
    }
    outcome.warnings().forEach(w -> err.println("warning: " + w));
    outcome.absent().forEach(a -> err.println("troupe: absent: " + a));
    out.println(outcome.file());
    return TroupeMain.OK;
  }

  private static boolean isSweep(ArtifactStore files) throws java.io.IOException {
    RunManifest manifest = RunDirectory.readManifest(files);
    return manifest != null && manifest.json().path("command").asText().equals("sweep");
  }

  /** A sweep that died before its end has no Parquet copy of its latest results: a local session writes it. */
  private static void rewriteParquet(String dir) {
    SparkSession spark = SparkSessions.start(ConfigLoader.parse("{}", "(defaults)", "report", List.of()), "local[1]");
    try {
      TrialsParquet.write(spark, RunStores.isLocal(dir) ? java.nio.file.Path.of(dir).toUri().toString() : dir);
    } finally {
      spark.stop();
    }
  }

  /** The one positional argument (options it does not take are refused by the parser). */
  private static String runDir(CliArgs args) {
    if (args.configs().size() != 1) {
      throw new InvalidInputException("report: expected exactly one run directory, got " + args.configs().size()
          + (args.configs().isEmpty() ? "" : " (" + args.configs() + ")") + "; " + USAGE);
    }
    return args.positionals().get(0);
  }
}
