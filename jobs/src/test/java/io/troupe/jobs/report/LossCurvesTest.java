package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curves of the trials section, on a run shaped like seed 001's learning-rate sweep (rates
 * 0.025, 0.25 and 2.5, each repeated, search.repeats): the diverged runs at 2.5 have their curves up
 * to where they stopped, in a log panel of their own, and every curve is named by its rate.
 */
class LossCurvesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Pattern LOSS_CURVES = Pattern.compile("<div id=\"loss-curves\">\n(.*?)</div>\n", Pattern.DOTALL);
  private static final Pattern IMG = Pattern.compile("<img [^>]*alt=\"([^\"]*)\"");

  @TempDir Path dir;

  /** One epoch's figures: train and validation loss. */
  private static EpochStats epoch(int e, double train, double val) {
    return new EpochStats(e, train, train, 0.5, val, 0.5, 0.1, 1, List.of(), 1);
  }

  private static TrialInfo info(String id, double lr, double[][] losses, Map<String, Double> metrics,
      Diagnosis.LearningRateVerdict verdict) {
    List<EpochStats> history = new ArrayList<>();
    for (int e = 0; e < losses.length; e++) {
      history.add(epoch(e + 1, losses[e][0], losses[e][1]));
    }
    return new TrialInfo(id, Map.of("train.optimizer.lr", lr, "train.l2", 1e-4), 7, history, metrics,
        new Diagnosis(verdict, Diagnosis.FitVerdict.UNKNOWN, List.of()), ReportFixtures.provenance(), 1, Map.of());
  }

  private static String completed(String id, double lr, double valAccuracy, double[][] losses,
      Diagnosis.LearningRateVerdict verdict) {
    return TrialJson.toLine(new TrialResult.Completed(info(id, lr, losses,
        Map.of("val_accuracy", valAccuracy, "val_loss", losses[losses.length - 1][1]), verdict), null, null, null));
  }

  /** Diverged in epoch {@code at}: its history holds the epochs before, as TrialRunner records it. */
  private static String diverged(String id, double lr, double[][] losses, int at, double loss) {
    return TrialJson.toLine(new TrialResult.Diverged(info(id, lr, losses, Map.of("val_loss", Double.NaN),
        Diagnosis.LearningRateVerdict.DIVERGED), new DivergencePoint(at, at * 1000L - 300, loss, 2.3,
        Double.isFinite(loss) ? "loss " + loss + " > 3 x initial loss 2.3" : "loss is " + loss)));
  }

  private static final double[][] SMOOTH = {{1.2, 1.1}, {0.8, 0.82}, {0.6, 0.66}, {0.5, 0.6}};
  private static final double[][] FAST = {{0.6, 0.58}, {0.45, 0.47}, {0.4, 0.44}, {0.37, 0.43}};
  private static final double[][] CHAOTIC = {{1.9, 2.0}, {1.1, 1.3}, {2.2, 2.4}, {1.4, 1.7}};

  /**
   * Seed 001 in small: 0.025 (smooth) and 0.25 (fast) complete three times each; at 2.5 one repeat
   * oscillates to the end, one diverges in epoch 3 at a loss of 7.5 after two epochs, and one
   * diverges in its first epoch with an infinite loss (no history at all).
   */
  static List<String> seedLearningRates() {
    List<String> lines = new ArrayList<>();
    for (int r = 1; r <= 3; r++) {
      lines.add(completed("t0-rep" + r, 0.025, 0.70 + 0.01 * r, SMOOTH, Diagnosis.LearningRateVerdict.FINE));
      lines.add(completed("t1-rep" + r, 0.25, 0.84 + 0.01 * r, FAST, Diagnosis.LearningRateVerdict.FINE));
    }
    lines.add(completed("t2-rep1", 2.5, 0.55, CHAOTIC, Diagnosis.LearningRateVerdict.TOO_LARGE_CHAOTIC));
    lines.add(diverged("t2-rep2", 2.5, new double[][] {{2.1, 2.2}, {3.9, 4.4}}, 3, 7.5));
    lines.add(diverged("t2-rep3", 2.5, new double[][] {}, 1, Double.POSITIVE_INFINITY));
    return lines;
  }

  private String report(List<String> lines) throws IOException {
    ReportFixtures.trials(dir, lines, "");
    new ReportWriter(CLOCK).write(dir.toString(), ReportFixtures.filesOf(dir.resolve("report.html")));
    return Files.readString(dir.resolve("report.html"));
  }

  /** The loss-curve part of the trials section. */
  private static String lossCurves(String html) {
    Matcher m = LOSS_CURVES.matcher(html);
    assertTrue(m.find(), "no loss-curve block in the page");
    return m.group(1);
  }

  private static List<String> alts(String html) {
    List<String> alts = new ArrayList<>();
    Matcher m = IMG.matcher(html);
    while (m.find()) {
      alts.add(m.group(1));
    }
    return alts;
  }

  private static List<StoredTrial> stored(List<String> lines) {
    return lines.stream().map(StoredTrial::fromLine).toList();
  }

  @Test
  void divergedTrialsGetTheirCurvesInALogPanelNamedByRateAndWhereTheyStopped() throws IOException {
    String losses = lossCurves(report(seedLearningRates()));

    List<String> alts = alts(losses);
    assertEquals(2, alts.size(), "the best trials' chart and the diverged/oscillating panel: " + losses);
    assertEquals("loss curves of the best trials", alts.get(0));
    assertEquals("loss curves of the diverged and oscillating trials: t2-rep2 lr=2.5: diverged at epoch 3;"
        + " t2-rep3 lr=2.5: diverged at epoch 1; t2-rep1 lr=2.5: oscillating", alts.get(1));
    assertTrue(losses.contains("Red: the 2 trial(s) that diverged"), losses);
    assertTrue(losses.contains("Orange: the 1 trial(s) outside the 5 best"), losses);
    assertTrue(losses.contains("Grey: the best trial, t1-rep3 lr=0.25, for scale."), losses);
  }

  @Test
  void thePanelDrawsEachDivergedTrialUpToItsStopOnALogAxis() {
    List<StoredTrial> trials = stored(seedLearningRates());
    TrialRanking ranking = TrialRanking.of(trials, null);
    LossCurves.Panel panel = LossCurves.unstable(trials, ranking, TrialsSection.TOP, TrialLabels.of(trials));

    assertEquals(List.of("t2-rep2", "t2-rep3"), panel.diverged().stream().map(StoredTrial::trialId).toList());
    assertEquals(List.of("t2-rep1"), panel.oscillating().stream().map(StoredTrial::trialId).toList(),
        "oscillating, and not among the 5 best");
    XYChart chart = panel.chart().orElseThrow();
    assertTrue(chart.getStyler().isYAxisLogarithmic(), "a log loss axis, so 7.5 does not flatten 0.4");
    Map<String, XYSeries> series = chart.getSeriesMap();

    // t2-rep2: two epochs of train (dashed) and validation (solid) loss, then a cross in epoch 3 at 7.5.
    XYSeries stop = series.get("t2-rep2 lr=2.5: diverged at epoch 3");
    assertNotNull(stop, series.keySet().toString());
    assertEquals(SeriesMarkers.CROSS, stop.getMarker());
    assertEquals(LossCurves.DIVERGED[0], stop.getMarkerColor());
    assertEquals(3.0, stop.getXData()[0]);
    assertEquals(7.5, stop.getYData()[0]);
    assertTrue(stop.isShowInLegend(), "one legend entry per trial");
    XYSeries train = series.get("t2-rep2 lr=2.5: diverged at epoch 3 train");
    assertEquals(SeriesLines.DASH_DASH, train.getLineStyle());
    assertEquals(LossCurves.DIVERGED[0], train.getLineColor());
    assertEquals(List.of(1.0, 2.0), List.of(train.getXData()[0], train.getXData()[1]));
    assertEquals(3.9, train.getYData()[1]);
    assertFalse(train.isShowInLegend());
    XYSeries val = series.get("t2-rep2 lr=2.5: diverged at epoch 3 val");
    assertEquals(SeriesLines.SOLID, val.getLineStyle());
    assertEquals(4.4, val.getYData()[1]);

    // t2-rep3 blew up in its first epoch with an infinite loss: only its cross, at the axis's top (7.5).
    XYSeries first = series.get("t2-rep3 lr=2.5: diverged at epoch 1");
    assertEquals(1.0, first.getXData()[0]);
    assertEquals(7.5, first.getYData()[0]);
    assertEquals(LossCurves.DIVERGED[1], first.getMarkerColor(), "a shade of its own");
    assertFalse(series.containsKey("t2-rep3 lr=2.5: diverged at epoch 1 train"), "no epoch finished");

    XYSeries chaotic = series.get("t2-rep1 lr=2.5: oscillating");
    assertEquals(LossCurves.OSCILLATING[0], chaotic.getLineColor());
    assertEquals(4, chaotic.getXData().length, "all its epochs");
    XYSeries reference = series.get("best: t1-rep3 lr=0.25");
    assertEquals(LossCurves.REFERENCE, reference.getLineColor());
    assertEquals(4, series.values().stream().filter(XYSeries::isShowInLegend).count(),
        "the best, two diverged and one oscillating trial, one entry each: " + series.keySet());
    assertTrue(Charts.dataUri(chart).length() > 1000, "it draws");
  }

  @Test
  void theBestTrialsCurvesAreNamedByTheirRateAndRepeat() {
    List<StoredTrial> trials = stored(seedLearningRates());
    TrialRanking ranking = TrialRanking.of(trials, null);
    XYChart best = LossCurves.best(ranking.top(TrialsSection.TOP), TrialLabels.of(trials)).orElseThrow();

    assertEquals(List.of("t1-rep3 lr=0.25 train", "t1-rep3 lr=0.25 val", "t1-rep2 lr=0.25 train",
        "t1-rep2 lr=0.25 val", "t1-rep1 lr=0.25 train", "t1-rep1 lr=0.25 val", "t0-rep3 lr=0.025 train",
        "t0-rep3 lr=0.025 val", "t0-rep2 lr=0.025 train", "t0-rep2 lr=0.025 val"),
        List.copyOf(best.getSeriesMap().keySet()), "train.l2 is the same everywhere: not in the names");
    assertFalse(best.getStyler().isYAxisLogarithmic(), "the best trials keep their linear axis");
  }

  @Test
  void aRunWithoutDivergedOrOscillatingTrialsHasTheBestTrialsChartAlone() throws IOException {
    List<String> calm = seedLearningRates().subList(0, 6);

    String html = report(calm);
    String losses = lossCurves(html);

    assertEquals(List.of("loss curves of the best trials"), alts(losses), losses);
    assertFalse(losses.contains("diverged"), losses);
    assertFalse(losses.contains("<p>"), "no panel, so nothing to explain: " + losses);
    List<StoredTrial> trials = stored(calm);
    LossCurves.Panel panel = LossCurves.unstable(trials, TrialRanking.of(trials, null), TrialsSection.TOP,
        TrialLabels.of(trials));
    assertTrue(panel.isEmpty() && panel.chart().isEmpty());
  }

  @Test
  void aRunWhoseTrialsAllDivergedStillShowsTheirCurves() throws IOException {
    List<String> lines = seedLearningRates().subList(7, 9);

    String html = report(lines);
    String losses = lossCurves(html);

    assertTrue(html.contains("No COMPLETED trial has a val_loss: the best trials&#39; loss curves"), html);
    assertEquals(List.of("loss curves of the diverged trials: t2-rep2: diverged at epoch 3;"
        + " t2-rep3: diverged at epoch 1"), alts(losses), "one rate in the run: the ids alone name the curves");
    assertFalse(losses.contains("Grey:"), "no best trial to compare with");
  }

  @Test
  void manyUnstableTrialsAreCappedAndCounted() {
    List<String> lines = new ArrayList<>(seedLearningRates().subList(0, 6));
    for (int i = 0; i < LossCurves.MAX_UNSTABLE + 3; i++) {
      lines.add(diverged("d" + (char) ('a' + i), 2.5 + i, new double[][] {{2.0, 2.1}}, 2, 9.0 + i));
    }
    List<StoredTrial> trials = stored(lines);
    LossCurves.Panel panel = LossCurves.unstable(trials, TrialRanking.of(trials, null), TrialsSection.TOP,
        TrialLabels.of(trials));

    assertEquals(LossCurves.MAX_UNSTABLE, panel.diverged().size());
    assertEquals(3, panel.left());
    assertEquals(LossCurves.MAX_UNSTABLE, panel.legend().size());
    assertTrue(Charts.dataUri(panel.chart().orElseThrow()).length() > 1000, "it draws");
  }
}
