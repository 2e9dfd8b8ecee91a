package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare and ensemble write report.html beside their results and print its path last (the sweep's
 * is checked in FromSweepCommandTest), with no refresh tag once the run has ended.
 */
class EveryRunWritesAReportTest {
  private static final String CONFIG = """
      name: reported
      seed: 3
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 300, testSize: 200, features: 8, classes: 3, clusterStd: 3.0}}
      model: {hidden: [8], activation: tanh, init: xavier}
      train: {epochs: 1, batchSize: 50, monitor: {enabled: false}}
      ensemble: {strategies: [single, true], members: 2}
      spark: {slots: 2, conf: {spark.ui.enabled: "false"}}
      """;

  @TempDir Path dir;

  @Test
  void compareAndEnsembleEndWithTheirReportsPath() throws IOException {
    Path config = Files.writeString(dir.resolve("reported.yaml"), CONFIG);
    String out = dir.resolve("out").toString();

    CliRun compare = CliRun.of("compare", config.toString(), "--master", "local[2]", "--out", out);
    assertEquals(0, compare.code(), compare.err());
    assertReportLast(compare, dir.resolve("out/reported/ensembles/report.html"));

    CliRun ensemble = CliRun.of("ensemble", config.toString(), "--strategy", "true", "--master", "local[2]", "--out",
        out, "--set", "name=reported-ensemble");
    assertEquals(0, ensemble.code(), ensemble.err());
    assertReportLast(ensemble, dir.resolve("out/reported-ensemble/ensembles/report.html"));
  }

  private static void assertReportLast(CliRun run, Path report) throws IOException {
    List<String> lines = run.out().lines().toList();
    assertEquals("report: " + report, lines.get(lines.size() - 1), run.out());
    String page = Files.readString(report);
    assertTrue(page.contains("<html") && page.contains("comparison.csv"), "a report of the comparison");
    assertTrue(!page.contains("http-equiv=\"refresh\""), "a finished run's page does not reload");
  }
}
