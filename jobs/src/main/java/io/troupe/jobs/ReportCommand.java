package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.jobs.report.ReportWriter;
import java.io.PrintStream;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.RunStores;
import org.apache.spark.SparkConf;
import java.time.Clock;

/**
 * Re-renders {@code <run-dir>/report.html} from an experiment's stored results (comparison.csv,
 * members-curve.csv, trials.jsonl): no Spark, no training. Prints the report's path.
 */
final class ReportCommand implements Command {
  private static final String USAGE = "usage: troupe report <out>/<name>/";

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "write <run-dir>/report.html (tables and charts) from a run's stored results; no Spark";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws Exception {
    String dir = RunStores.normalize(runDir(args));
    // Before any chart class loads AWT: there is no display on servers and Spark nodes.
    System.setProperty("java.awt.headless", "true");
    // No Spark session here: Hadoop settings come from spark.hadoop.* system properties (as spark-submit sets them).
    ArtifactStore files = RunStores.open(dir, RunStores.hadoopConf(new SparkConf()));
    ReportWriter.Outcome outcome = new ReportWriter(Clock.systemUTC()).write(dir, files);
    outcome.warnings().forEach(w -> err.println("warning: " + w));
    outcome.absent().forEach(a -> err.println("troupe: absent: " + a));
    out.println(outcome.file());
    return TroupeMain.OK;
  }

  /** The one positional argument; options of other commands are refused rather than ignored. */
  private static String runDir(CliArgs args) {
    if (!args.sets().isEmpty() || args.master() != null || args.resume() || args.print()) {
      throw new InvalidInputException("report: takes only a run directory (and --verbose); --set, --master, "
          + "--resume and --print do not apply; " + USAGE);
    }
    if (args.configs().size() != 1) {
      throw new InvalidInputException("report: expected exactly one run directory, got " + args.configs().size()
          + (args.configs().isEmpty() ? "" : " (" + args.configs() + ")") + "; " + USAGE);
    }
    return args.positionals().get(0);
  }
}
