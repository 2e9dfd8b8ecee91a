package io.troupe.jobs.report;

import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The trials: score against learning rate with the diverged ones marked, the best few and every
 * trial with its diagnosis, the loss curves of the best few and of the diverged and oscillating
 * ones ({@link LossCurves}), and the best trial's update:weight ratios per layer (seed 002: healthy
 * near 1e-3).
 */
final class TrialsSection {
  /** How many of the best trials get loss curves on the linear chart. */
  static final int TOP = 5;
  /** Up to this many diverged trials are listed unfolded. */
  static final int FOLD_DIVERGED = 10;
  /** The update:weight ratio the reference line marks. */
  static final double HEALTHY_UPDATE_RATIO = 1e-3;

  private TrialsSection() {}

  static Section of(TrialsLog log, TrialRanking ranking) {
    StringBuilder body = new StringBuilder();
    body.append(Html.paragraph(summary(log, ranking)));
    log.warnings().forEach(w -> body.append("<p class=\"warning\">").append(Html.escape(w)).append("</p>\n"));
    int charts = 0;
    charts += learningRate(log.trials(), ranking.metric(), body);
    body.append(divergences(log.trials(), ranking.metric()));
    if (ranking.ranked().isEmpty()) {
      body.append(Html.paragraph("No COMPLETED trial has a " + ranking.metric().name()
          + ": the best trials' loss curves and the update:weight ratios are skipped."));
    } else {
      body.append(TrialsTable.top(ranking, TOP));
    }
    body.append(TrialsTable.all(log.trials(), ranking));
    LossCurves.Drawn losses = LossCurves.of(log.trials(), ranking, TOP);
    body.append(losses.html());
    charts += losses.charts();
    if (!ranking.ranked().isEmpty()) {
      charts += updateRatios(ranking.ranked().get(0), body);
    }
    String description = "What the trials did: " + ranking.metric().name() + " against learning rate (diverged trials"
        + " in red), each trial's diagnosis, train and validation loss per epoch of the " + TOP + " best completed"
        + " trials and, on a log axis of their own, of the diverged and oscillating ones, and the best trial's"
        + " update:weight ratio per layer.";
    return new Section("trials", "Trials (" + TrialsLog.FILE + ")", description, body.toString(), charts);
  }

  private static String summary(TrialsLog log, TrialRanking ranking) {
    Map<TrialStatus, Long> byStatus = new TreeMap<>(log.trials().stream()
        .collect(Collectors.groupingBy(StoredTrial::status, Collectors.counting())));
    String counts = byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
    String basis = ranking.fromManifest() ? ", the run's objective."
        : ": this run has no " + RunManifest.FILE + " (an earlier Troupe wrote it), so its objective is not known.";
    return log.trials().size() + " trials" + (counts.isEmpty() ? "" : ": " + counts) + ". Ranked by "
        + ranking.metric().described() + basis;
  }

  /** Score against learning rate on a log axis, when the trials searched (or recorded) one. */
  private static int learningRate(List<StoredTrial> trials, ScoreMetric metric, StringBuilder body) {
    Optional<String> key = trials.stream().flatMap(t -> t.params().keySet().stream())
        .filter(k -> k.endsWith("optimizer.lr")).sorted().findFirst();
    if (key.isEmpty()) {
      body.append(Html.paragraph("No trial's params have a key ending in optimizer.lr: the learning-rate chart is skipped."));
      return 0;
    }
    ParamChart.Drawn drawn = ParamChart.of(metric.name() + " against learning rate", key.get(),
        new ParamAxis(ParamAxis.Kind.LOG, List.of()), trials, metric, Charts.WIDTH, Charts.HEIGHT);
    if (drawn.plotted() == 0) {
      body.append(Html.paragraph("No trial has both " + key.get() + " and " + metric.name()
          + ": the learning-rate chart is skipped."));
      return 0;
    }
    body.append(Html.chart(drawn.chart(), metric.name() + " against learning rate"));
    if (drawn.unplotted() > 0) {
      body.append(Html.paragraph(drawn.unplotted() + " trial(s) without a learning rate or a " + metric.name()
          + " (failed, say) are not plotted."));
    }
    return 1;
  }

  /** The DIVERGED trials, each with the epoch it blew up at. */
  private static String divergences(List<StoredTrial> trials, ScoreMetric metric) {
    List<Divergence> diverged = trials.stream().map(t -> Divergence.of(t, metric.name())).flatMap(Optional::stream)
        .toList();
    if (diverged.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("<details").append(diverged.size() <= FOLD_DIVERGED ? " open" : "")
        .append("><summary>").append(diverged.size()).append(" trial(s) diverged: red crosses in the charts, at the last ")
        .append(Html.escape(metric.name())).append(" they recorded, or at the axis's worst end when they recorded none")
        .append("</summary>\n<ul>\n");
    diverged.forEach(d -> s.append("<li>").append(Html.escape(d.trialId() + " " + d.described())).append("</li>\n"));
    return s.append("</ul>\n</details>\n").toString();
  }

  /** Each layer's update:weight ratio on a log axis, with the 1e-3 reference line. */
  private static int updateRatios(StoredTrial best, StringBuilder body) {
    Map<String, TrialHistory.Curve> layers = TrialHistory.updateRatios(best);
    if (layers.isEmpty()) {
      body.append(Html.paragraph("The best trial (" + best.trialId()
          + ") recorded no update:weight ratios: the ratio chart is skipped."));
      return 0;
    }
    XYChart chart = Charts.xy("update:weight ratio per layer, best trial " + best.trialId(), "epoch",
        "|update| / |weights| (log scale)");
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setXAxisDecimalPattern("0");
    double first = Double.POSITIVE_INFINITY;
    double last = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (Map.Entry<String, TrialHistory.Curve> e : layers.entrySet()) {
      Charts.line(chart, "layer " + e.getKey(), e.getValue(), Charts.color(i++), SeriesLines.SOLID);
      first = Math.min(first, e.getValue().epochs()[0]);
      last = Math.max(last, e.getValue().epochs()[e.getValue().epochs().length - 1]);
    }
    XYSeries reference = chart.addSeries("healthy near 1e-3", new double[] {first, last},
        new double[] {HEALTHY_UPDATE_RATIO, HEALTHY_UPDATE_RATIO});
    reference.setLineColor(Color.GRAY);
    reference.setLineStyle(SeriesLines.DOT_DOT);
    reference.setMarker(SeriesMarkers.NONE);
    body.append(Html.chart(chart, "update:weight ratio per layer"));
    return 1;
  }
}
