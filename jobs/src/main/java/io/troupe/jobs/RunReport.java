package io.troupe.jobs;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.RunStores;
import io.troupe.jobs.report.ReportWriter;
import java.io.PrintStream;
import java.time.Clock;
import org.apache.spark.SparkConf;

/**
 * The report every run writes when it ends: {@code report.html} beside its results, its path
 * printed last, so a user never needs to know about the {@code report} command. A report that
 * cannot be written is a warning: the run's results are already stored.
 */
final class RunReport {
  private RunReport() {}

  static void writeAfter(String runDir, PrintStream out, PrintStream err) {
    try {
      // Before any chart class loads AWT: there is no display on servers and Spark nodes.
      System.setProperty("java.awt.headless", "true");
      ArtifactStore files = RunStores.open(runDir, RunStores.hadoopConf(new SparkConf()));
      ReportWriter.Outcome outcome = new ReportWriter(Clock.systemUTC()).write(runDir, files);
      outcome.warnings().forEach(w -> err.println("warning: " + w));
      out.println("report: " + outcome.file());
    } catch (Exception | LinkageError e) {
      err.println("warning: the run's report was not written (" + e + "); `troupe report " + runDir
          + "` writes it from the stored results");
    }
  }
}
