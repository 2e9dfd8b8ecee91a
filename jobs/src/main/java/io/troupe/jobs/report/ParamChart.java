package io.troupe.jobs.report;

import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The objective against one searched path's value, one point per trial, a series per status.
 * DIVERGED trials, which have no score, are red crosses at the last score they recorded before
 * blowing up, or at the worst end of the axis when they recorded none.
 */
final class ParamChart {
  static final Color DIVERGED = new Color(200, 0, 30);
  /** Categorical points are spread this far sideways (in categories) so equal values do not hide each other. */
  static final double JITTER = 0.08;

  /** The chart, how many trials it places, and how many it cannot (no value, or no score and not diverged). */
  record Drawn(XYChart chart, int plotted, int unplotted) {}

  private ParamChart() {}

  static Drawn of(String title, String path, ParamAxis axis, List<StoredTrial> trials, ScoreMetric metric, int width,
      int height) {
    String xTitle = path + switch (axis.kind()) {
      case LOG -> " (log scale)";
      case LINEAR -> "";
      case CATEGORICAL -> " (choice)";
    };
    XYChart chart = Charts.xy(title, xTitle, metric.name(), width, height);
    if (width < Charts.WIDTH) {
      // A panel: the legend under the plot leaves it the panel's width.
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    }
    if (axis.kind() == ParamAxis.Kind.CATEGORICAL) {
      categorical(chart, axis.categories());
    }
    Map<TrialStatus, List<double[]>> byStatus = new TreeMap<>();
    List<double[]> diverged = new ArrayList<>();
    List<Double> unscoredDiverged = new ArrayList<>();
    Map<Double, Integer> atValue = new TreeMap<>();
    int unplotted = 0;
    for (StoredTrial t : trials) {
      double x = axis.position(t.params().get(path));
      if (Double.isFinite(x) && axis.kind() == ParamAxis.Kind.CATEGORICAL) {
        int k = atValue.merge(x, 1, Integer::sum) - 1;
        x += JITTER * ((k % 5) - 2);
      }
      double score = t.metric(metric.name());
      Optional<Divergence> divergence = Divergence.of(t, metric.name());
      if (!Double.isFinite(x)) {
        unplotted++;
      } else if (divergence.isPresent()) {
        if (Double.isFinite(divergence.get().lastScore())) {
          diverged.add(new double[] {x, divergence.get().lastScore()});
        } else {
          unscoredDiverged.add(x);
        }
      } else if (Double.isFinite(score)) {
        byStatus.computeIfAbsent(t.status(), s -> new ArrayList<>()).add(new double[] {x, score});
      } else {
        unplotted++;
      }
    }
    byStatus.forEach((status, points) -> scatter(chart, status.name(), points));
    List<Double> scores = byStatus.values().stream().flatMap(List::stream).map(p -> p[1]).toList();
    if (!unscoredDiverged.isEmpty() && !scores.isEmpty()) {
      // No score to stand at: the worst end of the axis, which is where a blown-up run belongs.
      double worst = metric.largerIsBetter() ? scores.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
          : scores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      unscoredDiverged.forEach(x -> diverged.add(new double[] {x, worst}));
    } else {
      unplotted += unscoredDiverged.size();
    }
    if (!diverged.isEmpty()) {
      XYSeries series = scatter(chart, "DIVERGED (last score, or worst end)", diverged);
      series.setMarker(SeriesMarkers.CROSS);
      series.setMarkerColor(DIVERGED);
    }
    if (axis.kind() == ParamAxis.Kind.LOG && !chart.getSeriesMap().isEmpty()) {
      double[] xs = chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getXData())).toArray();
      Charts.logX(chart, Arrays.stream(xs).min().orElseThrow(), Arrays.stream(xs).max().orElseThrow());
    }
    int plotted = chart.getSeriesMap().values().stream().mapToInt(s -> s.getXData().length).sum();
    return new Drawn(chart, plotted, unplotted);
  }

  private static XYSeries scatter(XYChart chart, String name, List<double[]> points) {
    XYSeries series = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray());
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    return series;
  }

  /** Category i at x = i, labelled with its value. */
  private static void categorical(XYChart chart, List<String> categories) {
    chart.getStyler().setXAxisMin(Charts.CATEGORY_AXIS_MIN);
    chart.getStyler().setXAxisMax(Charts.categoryAxisMax(categories.size()));
    chart.getStyler().setXAxisTickMarkSpacingHint(30);
    chart.setCustomXAxisTickLabelsFormatter(Charts.categoryLabels(categories));
  }
}
