package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.DivergencePoint;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialJson;
import io.troupe.trial.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's sections on synthetic runs written the way the project writes them. */
class ReportSectionsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String SEARCH = """
      data: {source: synthetic}
      search:
        strategy: random
        trials: 12
        space:
          train.optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}
          model.hidden: {choice: [[128], [256, 128]]}
          model.dropout: {uniform: [0.0, 0.5]}
      """;

  @TempDir Path dir;

  private String report(boolean live) throws IOException {
    ReportWriter writer = new ReportWriter(CLOCK);
    var files = ReportFixtures.filesOf(dir.resolve("report.html"));
    if (live) {
      writer.writeLive(dir.toString(), files);
    } else {
      writer.write(dir.toString(), files);
    }
    return Files.readString(dir.resolve("report.html"));
  }

  /** A completed trial with the given params and validation accuracy, two epochs of history. */
  private static String completed(String id, Map<String, Object> params, double valAccuracy) {
    return TrialJson.toLine(new TrialResult.Completed(info(id, params, valAccuracy, Diagnosis.LearningRateVerdict.FINE,
        Diagnosis.FitVerdict.GOOD), null, null, null));
  }

  private static TrialInfo info(String id, Map<String, Object> params, double valAccuracy,
      Diagnosis.LearningRateVerdict lr, Diagnosis.FitVerdict fit) {
    List<EpochStats> history = new ArrayList<>();
    for (int e = 1; e <= 2; e++) {
      history.add(new EpochStats(e, 0.6 / e, 0.6 / e, valAccuracy - 0.01 / e, 0.5 / e, valAccuracy - 0.01 / e, 1e-3, 1,
          List.of(), 1));
    }
    return new TrialInfo(id, params, id.hashCode(), history, Map.of("val_accuracy", valAccuracy, "val_loss", 0.4),
        new Diagnosis(lr, fit, List.of("loss fell by 40% over the run")), ReportFixtures.provenance(), 2, Map.of());
  }

  private static Map<String, Object> params(double lr, List<Integer> hidden, double dropout) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("train.optimizer.lr", lr);
    p.put("model.hidden", hidden);
    p.put("model.dropout", dropout);
    return p;
  }

  /** A search with repeats: A three times, B twice, C once, an ASHA lineage, one diverged and one failed trial. */
  private List<String> repeatedSweep() {
    Map<String, Object> a = params(0.001, List.of(128), 0.1);
    Map<String, Object> b = params(0.003, List.of(256, 128), 0.2);
    Map<String, Object> c = params(0.0003, List.of(128), 0.4);
    Map<String, Object> asha = params(0.01, List.of(256, 128), 0.3);
    List<String> lines = new ArrayList<>(List.of(
        completed("a1", a, 0.85), completed("a2", a, 0.86), completed("a3", a, 0.87),
        completed("b1", b, 0.89), completed("b2", b, 0.87),
        completed("c1", c, 0.80),
        completed("t9-r0", asha, 0.82), completed("t9-r1", asha, 0.84)));
    lines.add(TrialJson.toLine(new TrialResult.Diverged(info("d1", params(0.09, List.of(128), 0.1), Double.NaN,
        Diagnosis.LearningRateVerdict.DIVERGED, Diagnosis.FitVerdict.UNKNOWN),
        new DivergencePoint(2, 130, Double.POSITIVE_INFINITY, 2.3, "loss is Infinity"))));
    lines.add(TrialJson.toLine(new TrialResult.Failed(TrialInfo.untrained("f1", a, 1, Map.of(),
        ReportFixtures.provenance(), 0.1), "java.lang.OutOfMemoryError", "Java heap space")));
    return lines;
  }

  private static List<StoredTrial> stored(List<String> lines) {
    return lines.stream().map(StoredTrial::fromLine).toList();
  }

  private RunManifest manifest() throws IOException {
    Files.write(dir.resolve(RunManifest.FILE), RunManifest.of(io.troupe.config.ConfigLoader.parse(SEARCH, "s.yaml", "s",
        List.of()), "sweep", "sha256:d", List.of("sweep"), Map.of(), CLOCK.instant()).toBytes());
    return io.troupe.driver.store.RunDirectory.readManifest(ReportFixtures.filesOf(dir.resolve(RunManifest.FILE)));
  }

  @Test
  void repeatsAreGroupedByEqualParamsWithTheirMeanSdAndBestRankedByMean() {
    List<Repeats.Group> groups = Repeats.of(stored(repeatedSweep()), new ScoreMetric("val_accuracy", true));
    assertEquals(2, groups.size(), "A and B ran more than once; C once; the ASHA rungs are one training");
    Repeats.Group b = groups.get(0);
    assertEquals(List.of("b1", "b2"), b.trials().stream().map(StoredTrial::trialId).toList());
    assertEquals(0.88, b.mean(), 1e-12);
    assertEquals(Math.sqrt(0.0002), b.sd(), 1e-12, "sample sd of 0.89 and 0.87");
    assertEquals(0.89, b.best());
    Repeats.Group a = groups.get(1);
    assertEquals(3, a.n(), "the failed run of A's params does not count");
    assertEquals(0.86, a.mean(), 1e-12);
    assertEquals(0.01, a.sd(), 1e-12);
    assertEquals(0.87, a.best());
    assertEquals(2, Repeats.singles(stored(repeatedSweep()), new ScoreMetric("val_accuracy", true)),
        "C, and the ASHA lineage at its last rung");
    List<Repeats.Group> byLoss = Repeats.of(stored(repeatedSweep()), new ScoreMetric("val_loss", false));
    assertEquals(2, byLoss.size(), "lower is better ranks the other way round; equal means stay in trial order");
  }

  @Test
  void theSweepReportHasRepeatsDivergedTrialsDiagnosesAndAPanelPerSearchedPath() throws IOException {
    manifest();
    ReportFixtures.trials(dir, repeatedSweep(), "");

    String html = report(false);

    assertTrue(html.contains("<h2>Repeated configurations (2)</h2>"), html);
    assertTrue(html.contains("<tr class=\"best\"><td>1</td><td>2</td><td>0.88 &plusmn; 0.01414</td><td>0.89</td>"),
        "B first: mean 0.88, sd 0.01414, best 0.89");
    assertTrue(html.contains("<tr><td>2</td><td>3</td><td>0.86 &plusmn; 0.01</td><td>0.87</td>"), "then A");
    assertTrue(html.contains("2 configuration(s) ran once and are not listed."), html);
    // Diverged: listed with its epoch, a red row in the table of all trials, a red cross in the charts...
    assertTrue(html.contains("<li>d1 at epoch 2 (iteration 130): loss is Infinity</li>"), html);
    assertTrue(html.contains("<tr class=\"diverged\"><td>d1</td><td>DIVERGED</td>"), html);
    // ...and its loss curve up to where it stopped, named by the params that vary across the run.
    assertTrue(html.contains("alt=\"loss curves of the diverged trials: d1 dropout=0.1 hidden=[128] lr=0.09: diverged"
        + " at epoch 2\""), html);
    // The diagnosis of every trial, its notes on hover.
    assertTrue(html.contains("<th class=\"text\">diagnosis</th>"), "a diagnosis column");
    assertTrue(html.contains("title=\"loss fell by 40% over the run\">lr fine, fit good</td>"), html);
    assertTrue(html.contains(">lr diverged, fit unknown</td>"), html);
    // A panel per searched path.
    for (String path : List.of("train.optimizer.lr", "model.hidden", "model.dropout")) {
      assertTrue(html.contains("alt=\"val_accuracy against " + path + "\""), "a panel for " + path);
    }
    assertFalse(html.contains("http-equiv=\"refresh\""), "the final page does not reload itself");
  }

  @Test
  void divergedTrialsAreRedCrossesAtTheirLastScoreOrTheWorstEnd() {
    List<StoredTrial> trials = stored(repeatedSweep());
    ParamChart.Drawn drawn = ParamChart.of("t", "train.optimizer.lr", new ParamAxis(ParamAxis.Kind.LOG, List.of()),
        trials, new ScoreMetric("val_accuracy", true), 400, 300);
    XYSeries diverged = drawn.chart().getSeriesMap().get("DIVERGED (last score, or worst end)");
    assertEquals(SeriesMarkers.CROSS, diverged.getMarker());
    assertEquals(ParamChart.DIVERGED, diverged.getMarkerColor());
    assertEquals(0.09, diverged.getXData()[0]);
    assertEquals(0.80, diverged.getYData()[0], "no score recorded: at the worst completed score, c1's");
    assertEquals(1, drawn.unplotted(), "the failed trial");
  }

  @Test
  void axesFollowTheSearchDomainsOrTheValuesWithoutARunJson() throws IOException {
    RunManifest manifest = manifest();
    List<Object> lr = List.of(0.001, 0.002);
    assertEquals(ParamAxis.Kind.LOG, ParamAxis.of("train.optimizer.lr", lr, manifest).kind(), "logUniform, even narrow");
    assertEquals(ParamAxis.Kind.LINEAR, ParamAxis.of("model.dropout", List.of(0.1, 0.4), manifest).kind());
    ParamAxis hidden = ParamAxis.of("model.hidden", List.of(List.of(256, 128)), manifest);
    assertEquals(new ParamAxis(ParamAxis.Kind.CATEGORICAL, List.of("[128]", "[256, 128]")), hidden,
        "every choice, in the config's order");
    assertEquals(1, hidden.position(List.of(256, 128)));
    assertEquals(ParamAxis.Kind.LINEAR, ParamAxis.of("train.optimizer.lr", lr, null).kind(), "2x apart, no run.json");
    assertEquals(ParamAxis.Kind.LOG, ParamAxis.of("train.l2", List.of(1e-6, 1e-3), null).kind());
    assertEquals(ParamAxis.Kind.CATEGORICAL, ParamAxis.of("model.activation", List.of("relu", "tanh"), null).kind());
    assertEquals(List.of("model.dropout", "model.hidden", "train.l2", "train.optimizer.lr"),
        SearchSpaceSection.paths(stored(List.of(ReportFixtures.sweepLines().get(0), repeatedSweep().get(0)))),
        "every path any trial holds, sorted");
  }

  @Test
  void aLivePageReloadsItselfAndTheFinalOneDoesNot() throws IOException {
    ReportFixtures.trials(dir, ReportFixtures.sweepLines(), "");

    String live = report(true);
    assertTrue(live.contains("<meta http-equiv=\"refresh\" content=\"" + HtmlReport.REFRESH_SECONDS + "\">"), live);
    assertTrue(live.contains("The run is still going"), live);

    String last = report(false);
    assertFalse(last.contains("http-equiv=\"refresh\""), last);
    assertFalse(last.contains("still going"), last);
  }

  @Test
  void aTestedComparisonShowsIntervalsTestsAndTheRowsThatAreNoise() throws IOException {
    ReportFixtures.testedComparison(dir);

    String html = report(false);

    assertTrue(html.contains("<th>accuracy vs single</th>") && html.contains("<th>nll vs single</th>"), html);
    assertTrue(html.contains("<td>0.856<br><span class=\"ci\">0.849&ndash;0.8629</span></td>"), html);
    assertTrue(html.contains("<td>+2.19 pp<br><span class=\"ci\">p &lt; 0.001</span></td>"), html);
    assertTrue(html.contains("<td class=\"noise\">+0.14 pp<br><span class=\"ci\">p = 0.310</span></td>"),
        "within noise: greyed");
    assertTrue(html.contains("not distinguishable from noise (p &gt;= 0.05): snapshots / vote (+0.14 pp, p = 0.310)"),
        html);
    assertTrue(html.contains("independent-average / parameter-average (accuracy 0.1) is far from the other rows and"
        + " left off the axis"), "the negative control at chance does not squash the axis");
    assertFalse(html.contains("no intervals or tests"), html);
  }

  @Test
  void categoryAxesOfEverySizeAreDrawnAndEnd() throws IOException {
    // XChart widens its tick step until the tick labels differ: labels that never do would hang it.
    for (int n = 1; n <= 14; n++) {
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add("s" + i + ",vote,5,30,5,5," + (0.85 + i / 1000.0) + ",,,,,,,,,,,,0.84,0.86,0.5,,,,,,");
      }
      Path file = dir.resolve("n" + n + ".csv");
      Files.writeString(file, ReportFixtures.COMPARISON_HEADER + ReportFixtures.UNCERTAINTY_HEADER + "\n"
          + String.join("\n", rows) + "\n");
      Comparison c = Comparison.read(ReportFixtures.filesOf(file), file.getFileName().toString());
      ScoreDots.Drawn dots = ScoreDots.of(c, c.rows(), java.util.Set.of());
      ParamChart.Drawn panel = ParamChart.of("p", "model.width", new ParamAxis(ParamAxis.Kind.CATEGORICAL,
          rows.stream().map(r -> r.substring(0, r.indexOf(','))).toList()), List.of(), new ScoreMetric("m", true), 400,
          300);
      panel.chart().addSeries("one", new double[] {0}, new double[] {1});
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
        Charts.dataUri(dots.chart());
        Charts.dataUri(panel.chart());
      }, n + " categories");
    }
  }

  @Test
  void theSelectionSectionShowsTheTableTheGreedyStepsAndTheWeights() throws IOException {
    Path selection = Files.createDirectories(dir.resolve("selection"));
    Files.writeString(selection.resolve("selection.csv"), Files.readString(ReportFixtures.testedComparison(dir))
        .replace("single,-", "best-trial,-"));
    Files.delete(dir.resolve("comparison.csv"));
    Files.writeString(selection.resolve("selection-steps.csv"), """
        step,added,members,validation_objective,test_accuracy
        1,t07,1,0.861,0.8341
        2,t03,2,0.868,0.8402
        3,t07,3,0.871,0.8433
        4,t11,4,0.872,0.8451
        """);

    String html = report(false);

    assertTrue(html.contains("<h2>Ensembles from the sweep (selection/selection.csv)</h2>"), html);
    assertTrue(html.contains("<th>accuracy vs best-trial</th>"), html);
    assertTrue(html.contains("alt=\"greedy selection step by step\""), html);
    assertTrue(html.contains("<tr><td>t07</td><td>2</td><td>0.500</td>"), "chosen twice of four: " + html);
    assertTrue(html.contains("<tr><td>t03</td><td>1</td><td>0.250</td>"), html);
    assertTrue(html.contains("3 distinct trials chosen 4 times in all"), html);
    assertFalse(html.contains("absent: selection"), "never named when absent, and here it is present");
  }
}
