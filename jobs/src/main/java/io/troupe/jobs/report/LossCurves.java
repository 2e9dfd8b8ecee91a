package io.troupe.jobs.report;

import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.TrialStatus;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The trials' loss curves, train dashed and validation solid per epoch, each curve named by its
 * trial and the searched params that vary across the run ({@link TrialLabels}: "t2-rep3 lr=2.5"),
 * so a sweep's repeats of one rate read as that rate:
 *
 * <ul>
 *   <li>the best few COMPLETED trials, on a linear axis;
 *   <li>a panel of their own for the trials the learning rate broke: every DIVERGED one (reds) up to
 *       the last epoch it finished, with a cross at the epoch the divergence guard stopped it, at the
 *       mini-batch loss the guard saw; and those outside the best few that Troupe read as oscillating
 *       (diagnosis: learning rate too large, chaotic; oranges). The best trial in grey, for scale.
 * </ul>
 *
 * <p>Why a separate panel on a log axis rather than the diverged curves on the best trials' chart: a
 * diverging loss is stopped above several times its first loss (3x under lossFactor 3), and an
 * unguarded one reaches thousands before it turns infinite. On the best trials' linear axis it would
 * squash their curves into one line at the bottom; a log axis there would instead blur the few
 * hundredths between the best trials that chart exists to show. Apart, the best trials' chart reads
 * as it always did, and the log panel shows both how the unstable runs went up and how far that is
 * from the best run.
 */
final class LossCurves {
  /** At most this many diverged and oscillating trials are drawn (diverged first); the rest are counted. */
  static final int MAX_UNSTABLE = 10;
  static final int PANEL_HEIGHT = 400;
  /** Diverged trials: reds, as their crosses and table rows elsewhere in the report. */
  static final Color[] DIVERGED = {ParamChart.DIVERGED, new Color(120, 0, 20), new Color(240, 100, 100),
      new Color(170, 30, 90)};
  /** Oscillating trials: oranges, apart from the reds. */
  static final Color[] OSCILLATING = {new Color(230, 159, 0), new Color(150, 95, 0), new Color(245, 200, 100)};
  static final Color REFERENCE = Color.GRAY;
  /** With the shades, a marker per trial: 4 reds x 5 markers never repeat within the panel. */
  private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
      SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

  private LossCurves() {}

  /** The section's loss charts as HTML, and how many charts it embeds. */
  record Drawn(String html, int charts) {}

  /**
   * The diverged and oscillating trials' panel.
   *
   * @param diverged the DIVERGED trials drawn, by id
   * @param oscillating the oscillating trials drawn, by id
   * @param left how many more of either kind were not drawn ({@link #MAX_UNSTABLE})
   * @param legend each drawn trial's name in the legend, in order
   * @param chart empty when none of them recorded a loss it could draw
   */
  record Panel(List<StoredTrial> diverged, List<StoredTrial> oscillating, int left, List<String> legend,
      Optional<XYChart> chart) {
    boolean isEmpty() {
      return diverged.isEmpty() && oscillating.isEmpty();
    }
  }

  static Drawn of(List<StoredTrial> trials, TrialRanking ranking, int top) {
    TrialLabels labels = TrialLabels.of(trials);
    StringBuilder s = new StringBuilder();
    int charts = 0;
    if (!ranking.ranked().isEmpty()) {
      Optional<XYChart> best = best(ranking.top(top), labels);
      if (best.isPresent()) {
        s.append(Html.chart(best.get(), "loss curves of the best trials"));
        charts++;
      } else {
        s.append(Html.paragraph("The best trials recorded no per-epoch losses: the loss chart is skipped."));
      }
    }
    Panel panel = unstable(trials, ranking, top, labels);
    if (!panel.isEmpty()) {
      if (panel.chart().isPresent()) {
        s.append(Html.chart(panel.chart().get(), "loss curves of the "
            + kinds(!panel.diverged().isEmpty(), "", !panel.oscillating().isEmpty(), "") + " trials: "
            + String.join("; ", panel.legend())));
        s.append(Html.paragraph(explained(panel, ranking, top, labels)));
        charts++;
      } else {
        s.append(Html.paragraph((panel.diverged().size() + panel.oscillating().size())
            + " diverged or oscillating trial(s) recorded no per-epoch loss: their loss panel is skipped."));
      }
    }
    return new Drawn(s.isEmpty() ? "" : "<div id=\"loss-curves\">\n" + s + "</div>\n", charts);
  }

  /** Train (dashed) and validation (solid) loss per epoch of the best trials, one colour per trial. */
  static Optional<XYChart> best(List<StoredTrial> top, TrialLabels labels) {
    XYChart chart = Charts.xy("train (dashed) and validation (solid) loss of the " + top.size() + " best trials",
        "epoch", "loss");
    chart.getStyler().setXAxisDecimalPattern("0");
    for (int i = 0; i < top.size(); i++) {
      StoredTrial t = top.get(i);
      Color color = Charts.color(i);
      String label = labels.of(t);
      Charts.line(chart, label + " train", TrialHistory.of(t, "train_loss"), color, SeriesLines.DASH_DASH);
      Charts.line(chart, label + " val", TrialHistory.of(t, "val_loss"), color, SeriesLines.SOLID);
    }
    return chart.getSeriesMap().isEmpty() ? Optional.empty() : Optional.of(chart);
  }

  /**
   * The panel of the DIVERGED trials and of the others outside the {@code top} best that Troupe
   * diagnosed as oscillating, on a log axis, with the best trial in grey.
   */
  static Panel unstable(List<StoredTrial> trials, TrialRanking ranking, int top, TrialLabels labels) {
    Set<String> best = ranking.top(top).stream().map(StoredTrial::trialId).collect(Collectors.toSet());
    Comparator<StoredTrial> byId = Comparator.comparing(StoredTrial::trialId);
    List<StoredTrial> allDiverged = trials.stream().filter(t -> t.status() == TrialStatus.DIVERGED).sorted(byId)
        .toList();
    List<StoredTrial> allOscillating = trials.stream()
        .filter(t -> t.status() != TrialStatus.DIVERGED && !best.contains(t.trialId()) && oscillates(t))
        .sorted(byId).toList();
    List<StoredTrial> diverged = allDiverged.subList(0, Math.min(allDiverged.size(), MAX_UNSTABLE));
    List<StoredTrial> oscillating = allOscillating.subList(0,
        Math.min(allOscillating.size(), MAX_UNSTABLE - diverged.size()));
    int left = allDiverged.size() + allOscillating.size() - diverged.size() - oscillating.size();
    if (diverged.isEmpty() && oscillating.isEmpty()) {
      return new Panel(diverged, oscillating, left, List.of(), Optional.empty());
    }
    StoredTrial reference = ranking.ranked().isEmpty() ? null : ranking.ranked().get(0);
    // The top of the axis: where a cross goes whose loss was not finite (Infinity, NaN).
    double ceiling = Stream.concat(Stream.concat(diverged.stream(), oscillating.stream()),
            Stream.ofNullable(reference))
        .flatMap(t -> Stream.of(losses(t, "train_loss"), losses(t, "val_loss")))
        .filter(c -> !c.isEmpty()).mapToDouble(TrialHistory.Curve::max).max().orElse(Double.NaN);
    for (StoredTrial t : diverged) {
      double loss = Divergence.of(t, ranking.metric().name()).orElseThrow().loss();
      if (Double.isFinite(loss) && loss > 0) {
        ceiling = Double.isNaN(ceiling) ? loss : Math.max(ceiling, loss);
      }
    }
    String title = kinds(!diverged.isEmpty(), " (red)", !oscillating.isEmpty(), " (orange)")
        + " trials: train dashed, validation solid";
    XYChart chart = Charts.xy(title, "epoch", "loss (log scale)", Charts.WIDTH, PANEL_HEIGHT);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setXAxisDecimalPattern("0");
    if (reference != null) {
      // Drawn first, so the unstable curves lie on top of it.
      Curves drawn = new Curves(chart, "best: " + labels.of(reference));
      drawn.line(losses(reference, "train_loss"), REFERENCE, SeriesLines.DASH_DASH, SeriesMarkers.NONE, " train");
      drawn.line(losses(reference, "val_loss"), REFERENCE, SeriesLines.SOLID, SeriesMarkers.NONE, " val");
    }
    List<String> legend = new ArrayList<>();
    for (int i = 0; i < diverged.size(); i++) {
      StoredTrial t = diverged.get(i);
      Divergence d = Divergence.of(t, ranking.metric().name()).orElseThrow();
      Color color = DIVERGED[i % DIVERGED.length];
      Marker marker = MARKERS[i % MARKERS.length];
      Curves drawn = new Curves(chart, labels.of(t) + ": diverged "
          + (d.epoch() > 0 ? "at epoch " + d.epoch() : "at an unrecorded epoch"));
      if (d.epoch() > 0 && !Double.isNaN(ceiling)) {
        drawn.cross(d.epoch(), Double.isFinite(d.loss()) && d.loss() > 0 ? d.loss() : ceiling, color);
      }
      drawn.line(losses(t, "train_loss"), color, SeriesLines.DASH_DASH, marker, " train");
      drawn.line(losses(t, "val_loss"), color, SeriesLines.SOLID, marker, " val");
      drawn.labelled().ifPresent(legend::add);
    }
    for (int i = 0; i < oscillating.size(); i++) {
      StoredTrial t = oscillating.get(i);
      Color color = OSCILLATING[i % OSCILLATING.length];
      Marker marker = MARKERS[i % MARKERS.length];
      Curves drawn = new Curves(chart, labels.of(t) + ": oscillating"
          + (t.status() == TrialStatus.COMPLETED ? "" : " (" + t.status() + ")"));
      drawn.line(losses(t, "train_loss"), color, SeriesLines.DASH_DASH, marker, " train");
      drawn.line(losses(t, "val_loss"), color, SeriesLines.SOLID, marker, " val");
      drawn.labelled().ifPresent(legend::add);
    }
    return new Panel(diverged, oscillating, left, List.copyOf(legend),
        legend.isEmpty() ? Optional.empty() : Optional.of(chart));
  }

  /** "diverged and oscillating", or the one of them the panel has, each followed by its mark. */
  private static String kinds(boolean diverged, String divergedMark, boolean oscillating, String oscillatingMark) {
    List<String> kinds = new ArrayList<>();
    if (diverged) {
      kinds.add("diverged" + divergedMark);
    }
    if (oscillating) {
      kinds.add("oscillating" + oscillatingMark);
    }
    return String.join(" and ", kinds);
  }

  /** What the panel's colours and crosses mean, under it. */
  private static String explained(Panel panel, TrialRanking ranking, int top, TrialLabels labels) {
    List<String> parts = new ArrayList<>();
    if (!panel.diverged().isEmpty()) {
      parts.add("Red: the " + panel.diverged().size() + " trial(s) that diverged, train (dashed) and validation"
          + " (solid) loss per epoch up to the last epoch each finished, and a cross at the epoch the divergence"
          + " guard stopped it, at the mini-batch loss it saw (at the top of the axis when that loss was not"
          + " finite).");
    }
    if (!panel.oscillating().isEmpty()) {
      parts.add("Orange: the " + panel.oscillating().size() + " trial(s) outside the " + top + " best whose"
          + " learning rate Troupe read as too large (the loss oscillates).");
    }
    if (!ranking.ranked().isEmpty()) {
      parts.add("Grey: the best trial, " + labels.of(ranking.ranked().get(0)) + ", for scale.");
    }
    parts.add("The loss axis is logarithmic: a diverging loss runs to many times the others' (the best trials'"
        + " chart keeps its linear scale).");
    if (panel.left() > 0) {
      parts.add(panel.left() + " more diverged or oscillating trial(s) are not drawn: see the table of all trials.");
    }
    return String.join(" ", parts);
  }

  /** Whether Troupe's diagnosis read the trial's learning rate as too large: its loss oscillates. */
  static boolean oscillates(StoredTrial t) {
    return Diagnosis.LearningRateVerdict.TOO_LARGE_CHAOTIC.name()
        .equals(t.json().path("diagnosis").path("learningRate").asText(""));
  }

  /** A loss by epoch, the points a log axis can draw. */
  private static TrialHistory.Curve losses(StoredTrial t, String key) {
    return TrialHistory.of(t, key).positive();
  }

  /**
   * One trial's series in the panel: the first one drawn carries the trial's name in the legend,
   * the others (series names must differ) are left out of it.
   */
  private static final class Curves {
    private final XYChart chart;
    private final String label;
    private boolean labelled;

    Curves(XYChart chart, String label) {
      this.chart = chart;
      this.label = label;
    }

    void line(TrialHistory.Curve curve, Color color, BasicStroke style, Marker marker, String suffix) {
      XYSeries series = Charts.line(chart, name(suffix), curve, color, style);
      if (series != null) {
        series.setMarker(marker);
        drawn(series);
      }
    }

    void cross(double epoch, double loss, Color color) {
      XYSeries series = chart.addSeries(name(" stopped"), new double[] {epoch}, new double[] {loss});
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CROSS);
      series.setMarkerColor(color);
      drawn(series);
    }

    private String name(String suffix) {
      return labelled ? label + suffix : label;
    }

    private void drawn(XYSeries series) {
      series.setShowInLegend(!labelled);
      labelled = true;
    }

    Optional<String> labelled() {
      return labelled ? Optional.of(label) : Optional.empty();
    }
  }
}
