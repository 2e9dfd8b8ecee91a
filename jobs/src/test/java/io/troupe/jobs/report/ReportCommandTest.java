package io.troupe.jobs.report;

import io.troupe.jobs.CliRun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code troupe report <run-dir>} end to end, on results written the way the project writes them. */
class ReportCommandTest {
  private static final Pattern SRC = Pattern.compile("src=\"([^\"]*)\"");
  private static final String PNG_URI = "data:image/png;base64,";

  @TempDir Path out;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path runDir(String name) throws IOException {
    return Files.createDirectories(out.resolve(name));
  }

  /** Every src= of the page, which must all be embedded PNGs, decoded. */
  private static List<BufferedImage> embeddedImages(String html) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    Matcher m = SRC.matcher(html);
    while (m.find()) {
      String src = m.group(1);
      assertTrue(src.startsWith(PNG_URI), "a src that is not an embedded PNG: " + src.substring(0, Math.min(60, src.length())));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(PNG_URI.length()))));
      assertNotNull(image, "an embedded PNG that does not decode");
      images.add(image);
    }
    return images;
  }

  private static void assertSelfContained(String html) {
    for (String outside : List.of("http://", "https://", "<script", "<link", "url(", "@import", "href=")) {
      assertFalse(html.contains(outside), "the report must not reach outside itself: " + outside);
    }
  }

  @Test
  void allThreeInputsGiveOnePageWithSixChartsAndTheBestRowHighlighted() throws IOException {
    Path dir = runDir("fashion-ensembles");
    ReportFixtures.comparison(dir);
    ReportFixtures.membersCurve(dir);
    Path trials = ReportFixtures.trials(dir, ReportFixtures.sweepLines(), "{\"trialId\":\"t7\",\"status\":\"COMPL");
    byte[] trialsBefore = Files.readAllBytes(trials);

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    Path report = dir.resolve("report.html");
    assertEquals(report.toString(), r.out().strip(), "prints the report's path");
    String html = Files.readString(report);
    assertSelfContained(html);
    List<BufferedImage> images = embeddedImages(html);
    // comparison: dots + compute; members curve: 1; trials: learning rate, the best trials' losses, the
    // diverged trial's losses, update ratios; a panel per searched path (train.optimizer.lr, train.l2)
    assertEquals(9, images.size());
    for (BufferedImage image : images) {
      assertTrue(image.getWidth() <= Charts.WIDTH, "no chart is wider than the page's: " + image.getWidth());
    }
    assertTrue(html.contains("<h1>fashion-ensembles</h1>"), "the experiment is named after its directory");
    assertTrue(html.contains("generated 20"), "generation time");
    for (String strategy : List.of("single", "true", "bagging", "snapshots", "snapshots-control", "swa", "soup")) {
      assertTrue(html.contains("<tr><td>" + strategy + "</td>") || html.contains("<tr class=\"best\"><td>" + strategy + "</td>"),
          "table row " + strategy);
    }
    assertEquals(2, count(html, "<tr class=\"best\"><td>true</td><td>average</td>"),
        "the best accuracy, 0.9012, highlighted in the scores and in the costs");
    assertEquals(2, count(html, "<tr class=\"best\"><td>true</td>"), "only the best comparison row");
    assertTrue(html.contains("no intervals or tests against the baseline: it was written before Troupe stored them"),
        "a comparison.csv of an earlier Troupe still renders, and says what it lacks");
    assertTrue(html.contains("<tr class=\"best\"><td>1</td><td>t3</td><td>0.8863</td>"), "the best trial heads the trials table");
    assertTrue(html.contains("alt=\"loss curves of the diverged trials: t5 lr=2.5: diverged at epoch 2\""),
        "t5 diverged at lr 2.5: its loss curve is drawn, named by its rate");
    assertTrue(html.contains("Ranked by val_accuracy (higher is better): this run has no run.json (an earlier Troupe"
        + " wrote it), so its objective is not known."), "no run.json: ranked as before, and the page says so");
    assertFalse(html.contains("absent:"), "nothing is absent");
    assertTrue(r.err().contains("line 8 skipped: a torn last line"), r.err());
    assertTrue(html.contains("line 8 skipped: a torn last line"), "the page says what it skipped");
    assertArrayEquals(trialsBefore, Files.readAllBytes(trials), "a report never rewrites the results it reads");
  }

  @Test
  void aRunWhoseObjectiveIsValLossHasItsLowestLossAtTheTopOfTheTrialsTable() throws IOException {
    Path dir = runDir("loss-sweep");
    ReportFixtures.trials(dir, ReportFixtures.sweepLines(), "");
    ReportFixtures.manifest(dir, "objective.metric=val_loss");

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    String html = Files.readString(dir.resolve("report.html"));
    // t3 has the highest val_accuracy; by the run's objective, t2's val_loss of 0.29 is best.
    assertTrue(html.contains("<tr class=\"best\"><td>1</td><td>t2</td><td>0.29</td>"), html);
    assertTrue(html.contains("<tr><td>2</td><td>t3</td><td>0.33</td>"), html);
    assertTrue(html.contains("Ranked by val_loss (lower is better), the run&#39;s objective."), html);
  }

  @Test
  void aRegressionComparisonAloneRanksByLowestMseAndNamesTheAbsentInputs() throws IOException {
    Path dir = runDir("housing");
    ReportFixtures.regressionComparison(dir);

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    String html = Files.readString(dir.resolve("report.html"));
    assertSelfContained(html);
    assertEquals(2, embeddedImages(html).size(), "dots and compute; no other section");
    assertEquals(2, count(html, "<tr class=\"best\">"), "in the scores and in the costs");
    assertTrue(html.contains("<tr class=\"best\"><td>bagging</td><td>average</td>"), "lowest mse, 0.298");
    assertTrue(html.contains("<th>seconds</th>") && html.contains("<td>301</td>"), "a further column is kept");
    assertTrue(html.contains("mse (lower is better)"));
    assertTrue(html.contains("absent: members-curve.csv") && html.contains("absent: trials.jsonl"), "the header names what is absent");
    assertFalse(html.contains("absent: comparison.csv"));
    assertTrue(r.err().contains("absent: members-curve.csv"), r.err());
  }

  @Test
  void trialsWithoutALearningRateSkipThatChartAndSaySo() throws IOException {
    Path dir = runDir("no-lr");
    List<String> lines = ReportFixtures.sweepLines().stream()
        .map(l -> l.replace("\"train.optimizer.lr\"", "\"train.batchSize\"")).toList();
    ReportFixtures.trials(dir, lines, "");

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(5, embeddedImages(html).size(),
        "the best trials' and the diverged trial's losses, update ratios and a panel per searched path");
    assertTrue(html.contains("No trial&#39;s params have a key ending in optimizer.lr: the learning-rate chart is skipped."), html);
  }

  @Test
  void oneRowOneMemberAndOneTrialStillDrawEveryChart() throws IOException {
    // Degenerate ranges (a single x, a single y) are where chart libraries divide by zero.
    Path dir = runDir("tiny");
    Files.writeString(dir.resolve("comparison.csv"), ReportFixtures.COMPARISON_HEADER + "\n"
        + ReportFixtures.COMPARISON_ROWS.get(0) + "\n");
    Files.writeString(dir.resolve("members-curve.csv"), "strategy,combiner,members,accuracy,mse\nsingle,-,1,0.8841,\n");
    ReportFixtures.trials(dir, ReportFixtures.sweepLines().subList(0, 1), "");

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    String html = Files.readString(dir.resolve("report.html"));
    assertEquals(8, embeddedImages(html).size(), "as with more rows, a panel for each of the trial's two params");
    assertEquals(2, count(html, "<tr class=\"best\"><td>single</td>"), "in the scores and in the costs");
  }

  @Test
  void anEnsembleOfTheBaselineAloneHasNoMembersCurveAndStillGetsItsReport() throws IOException {
    // ensemble --strategy single writes the curve's header and no row.
    Path dir = runDir("single-only");
    Files.writeString(dir.resolve("comparison.csv"), ReportFixtures.COMPARISON_HEADER + "\n"
        + ReportFixtures.COMPARISON_ROWS.get(0) + "\n");
    Files.writeString(dir.resolve("members-curve.csv"), "strategy,combiner,members,accuracy,mse\n");

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("Ensemble size ("), "no members-curve section");
    assertEquals(2, embeddedImages(html).size(), "the comparison's dots and compute");
  }

  @Test
  void aDirectoryWithNoInputIsBadInputNamingItAndWhatWasExpected() throws IOException {
    Path dir = runDir("empty-run");
    CliRun r = run("report", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(dir + ": nothing to report"), r.err());
    for (String expected : List.of("comparison.csv", "members-curve.csv", "trials.jsonl")) {
      assertTrue(r.err().contains(expected), r.err());
    }
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertFalse(r.err().contains("at io.troupe"), "no stack trace without --verbose");
  }

  @Test
  void aMissingOrWrongArgumentIsBadInput() throws IOException {
    CliRun none = run("report");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("report: expected exactly one run directory, got 0"), none.err());

    CliRun two = run("report", out.toString(), out.toString());
    assertEquals(2, two.code());
    assertTrue(two.err().contains("got 2"), two.err());

    Path missing = out.resolve("no-such-run");
    CliRun absent = run("report", missing.toString());
    assertEquals(2, absent.code());
    assertTrue(absent.err().contains(missing + ": no such directory"), absent.err());

    Path file = Files.writeString(out.resolve("trials.jsonl"), "");
    CliRun notDir = run("report", file.toString());
    assertEquals(2, notDir.code());
    assertTrue(notDir.err().contains(file + ": not a directory"), notDir.err());

    CliRun option = run("report", out.toString(), "--set", "train.epochs=3");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("--set"), option.err());
  }

  @Test
  void aMalformedMiddleLineNamesTheFileAndLine() throws IOException {
    Path dir = runDir("broken");
    List<String> lines = new ArrayList<>(ReportFixtures.sweepLines());
    lines.set(2, "{\"trialId\":\"t2\",\"status\":\"COMPLETED\",\"metrics\":{\"val_accuracy\":0.88");
    Path trials = ReportFixtures.trials(dir, lines, "");

    CliRun r = run("report", dir.toString());

    assertEquals(2, r.code());
    assertTrue(r.err().contains(trials + ": line 3 is not a trial record"), r.err());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void aSweepWhoseDriverDiedBeforeItsEndGetsItsViewAndParquetCopyRebuiltFromItsRecords() throws Exception {
    Path dir = runDir("crashed");
    io.troupe.config.ExperimentSpec spec = io.troupe.config.ConfigLoader.parse("data: {source: synthetic}",
        "crashed.yaml", "crashed", List.of());
    try (io.troupe.driver.store.RunDirectory run = io.troupe.driver.store.RunDirectory.openFor(spec, "sha256:d",
        io.troupe.driver.store.RunInvocation.of("sweep"), dir.toString(), new org.apache.hadoop.conf.Configuration(),
        false)) {
      for (int i = 0; i < 3; i++) {
        run.store().append(new io.troupe.trial.TrialResult.Completed(
            ReportFixtures.info("t" + i, 0.01 * (i + 1), 0.8 + i / 100.0, 0.4 - i / 100.0, 2), null, null, null));
      }
    }
    // The driver died after its records but before its views: the view holds the first record only.
    Path view = dir.resolve("trials.jsonl");
    Files.writeString(view, Files.readAllLines(view).get(0) + "\n");

    CliRun r = run("report", dir.toString());

    assertEquals(0, r.code(), r.err());
    assertEquals(3, Files.readAllLines(view).size(), r.err());
    assertTrue(r.err().contains("rewrote " + view + " from the run's records"), r.err());
    assertTrue(Files.exists(dir.resolve("trials.parquet/_SUCCESS")), r.err());
    CliRun again = run("report", dir.toString());
    assertFalse(again.err().contains("rewrote"), "a view that is whole is left alone: " + again.err());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
