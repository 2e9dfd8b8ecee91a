package io.troupe.jobs.report;

import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
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
 * The trials: score against learning rate, the loss curves of the best few, and the best trial's
 * update:weight ratios per layer (seed 002: healthy near 1e-3).
 */
final class TrialsSection {
  /** How many of the best trials get loss curves. */
  static final int TOP = 5;
  /** The update:weight ratio the reference line marks. */
  static final double HEALTHY_UPDATE_RATIO = 1e-3;

  private TrialsSection() {}

  /** @param manifest the run's run.json, whose objective ranks the trials; null when it has none */
  static Section of(TrialsLog log, RunManifest manifest) {
    TrialRanking ranking = TrialRanking.of(log.trials(), manifest);
    StringBuilder body = new StringBuilder();
    body.append(Html.paragraph(summary(log, ranking)));
    log.warnings().forEach(w -> body.append("<p class=\"warning\">").append(Html.escape(w)).append("</p>\n"));
    int charts = 0;
    charts += learningRate(log.trials(), ranking.metric(), body);
    if (ranking.ranked().isEmpty()) {
      body.append(Html.paragraph("No COMPLETED trial has a " + ranking.metric().name()
          + ": the loss curves and the update:weight ratios are skipped."));
    } else {
      body.append(topTable(ranking));
      charts += losses(ranking.top(TOP), body);
      charts += updateRatios(ranking.ranked().get(0), body);
    }
    String description = "What the trials did: " + ranking.metric().name() + " against learning rate, "
        + "train and validation loss per epoch of the " + TOP + " best completed trials, and the best trial's "
        + "update:weight ratio per layer.";
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
    XYChart chart = Charts.xy(metric.name() + " against learning rate", key.get() + " (log scale)", metric.name());
    chart.getStyler().setXAxisLogarithmic(true);
    Map<TrialStatus, List<double[]>> byStatus = new TreeMap<>();
    int unscored = 0;
    for (StoredTrial t : trials) {
      double lr = number(t.params().get(key.get()));
      double score = t.metric(metric.name());
      if (lr > 0 && Double.isFinite(score)) {
        byStatus.computeIfAbsent(t.status(), s -> new ArrayList<>()).add(new double[] {lr, score});
      } else {
        unscored++;
      }
    }
    if (byStatus.isEmpty()) {
      body.append(Html.paragraph("No trial has both " + key.get() + " and " + metric.name()
          + ": the learning-rate chart is skipped."));
      return 0;
    }
    byStatus.forEach((status, points) -> chart.addSeries(status.name(),
        points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray())
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter));
    body.append(Html.image(Charts.dataUri(chart), metric.name() + " against learning rate"));
    if (unscored > 0) {
      body.append(Html.paragraph(unscored + " trial(s) without a learning rate or a " + metric.name()
          + " (diverged or failed, say) are not plotted."));
    }
    return 1;
  }

  private static String topTable(TrialRanking ranking) {
    StringBuilder s = new StringBuilder("<table class=\"data\">\n<tr><th>rank</th><th>trial</th><th>")
        .append(Html.escape(ranking.metric().name())).append("</th><th>params</th></tr>\n");
    List<StoredTrial> top = ranking.top(TOP);
    for (int i = 0; i < top.size(); i++) {
      StoredTrial t = top.get(i);
      String params = t.params().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
          .collect(Collectors.joining(", "));
      s.append(i == 0 ? "<tr class=\"best\">" : "<tr>").append("<td>").append(i + 1).append("</td><td>")
          .append(Html.escape(t.trialId())).append("</td><td>").append(Html.number(t.metric(ranking.metric().name())))
          .append("</td><td>").append(Html.escape(params)).append("</td></tr>\n");
    }
    return s.append("</table>\n").toString();
  }

  /** Train (dashed) and validation (solid) loss per epoch, one colour per trial. */
  private static int losses(List<StoredTrial> top, StringBuilder body) {
    XYChart chart = Charts.xy("train (dashed) and validation (solid) loss of the " + top.size() + " best trials",
        "epoch", "loss");
    chart.getStyler().setXAxisDecimalPattern("0");
    for (int i = 0; i < top.size(); i++) {
      StoredTrial t = top.get(i);
      Color color = Charts.color(i);
      line(chart, t.trialId() + " train", TrialHistory.of(t, "train_loss"), color, SeriesLines.DASH_DASH);
      line(chart, t.trialId() + " val", TrialHistory.of(t, "val_loss"), color, SeriesLines.SOLID);
    }
    if (chart.getSeriesMap().isEmpty()) {
      body.append(Html.paragraph("The best trials recorded no per-epoch losses: the loss chart is skipped."));
      return 0;
    }
    body.append(Html.image(Charts.dataUri(chart), "loss curves of the best trials"));
    return 1;
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
      line(chart, "layer " + e.getKey(), e.getValue(), Charts.color(i++), SeriesLines.SOLID);
      first = Math.min(first, e.getValue().epochs()[0]);
      last = Math.max(last, e.getValue().epochs()[e.getValue().epochs().length - 1]);
    }
    XYSeries reference = chart.addSeries("healthy near 1e-3", new double[] {first, last},
        new double[] {HEALTHY_UPDATE_RATIO, HEALTHY_UPDATE_RATIO});
    reference.setLineColor(Color.GRAY);
    reference.setLineStyle(SeriesLines.DOT_DOT);
    reference.setMarker(SeriesMarkers.NONE);
    body.append(Html.image(Charts.dataUri(chart), "update:weight ratio per layer"));
    return 1;
  }

  private static void line(XYChart chart, String name, TrialHistory.Curve curve, Color color, BasicStroke style) {
    if (curve.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, curve.epochs(), curve.values());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(style);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  /** A param value as a number: JSON numbers, or numeric strings; NaN otherwise. */
  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
