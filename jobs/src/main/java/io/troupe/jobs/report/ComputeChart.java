package io.troupe.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Each row's score against its training compute, on a log axis (strategies cost multiples of one
 * run). One colour per strategy and one marker per combiner; rows of equal compute are spread
 * sideways around it, as they would otherwise sit on top of each other (a snapshot ensemble's
 * average, vote and parameter average all cost one run).
 */
final class ComputeChart {
  /** Sideways spread between neighbours of equal compute, as a factor on the log axis. */
  static final double DODGE = 1.06;
  private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
      SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS};

  private ComputeChart() {}

  /** The chart, or null when no drawn row has a train_epochs; {@code far} rows are left out. */
  static XYChart of(Comparison comparison, List<CsvTable.Row> scored, Set<Integer> far) {
    String name = comparison.metric().name();
    List<CsvTable.Row> points = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      double epochs = comparison.number(scored.get(i), "train_epochs");
      if (!far.contains(i) && epochs > 0) {
        points.add(scored.get(i));
      }
    }
    if (points.isEmpty()) {
      return null;
    }
    XYChart chart = Charts.xy(name + " against compute (legend: models stored)",
        "training epochs, all members (log scale; equal compute spread sideways)", name);
    Charts.logX(chart, points.stream().mapToDouble(r -> comparison.number(r, "train_epochs")).min().orElseThrow(),
        points.stream().mapToDouble(r -> comparison.number(r, "train_epochs")).max().orElseThrow());
    Map<String, Integer> strategyColour = new LinkedHashMap<>();
    Map<String, Integer> combinerMarker = new LinkedHashMap<>();
    Map<Double, Integer> atCompute = new LinkedHashMap<>();
    Map<Double, Integer> seen = new LinkedHashMap<>();
    points.forEach(r -> atCompute.merge(comparison.number(r, "train_epochs"), 1, Integer::sum));
    List<String> labels = StrategyLabel.distinct(points.stream().map(comparison::label).toList());
    for (int i = 0; i < points.size(); i++) {
      CsvTable.Row row = points.get(i);
      double epochs = comparison.number(row, "train_epochs");
      int k = seen.merge(epochs, 1, Integer::sum) - 1;
      double x = epochs * Math.pow(DODGE, k - (atCompute.get(epochs) - 1) / 2.0);
      double stored = comparison.number(row, "models_stored");
      String legend = labels.get(i) + (Double.isFinite(stored) ? " (" + Html.number(stored) + " stored)" : "");
      XYSeries series = chart.addSeries(legend, new double[] {x}, new double[] {comparison.score(row)});
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      int colour = strategyColour.computeIfAbsent(row.cell("strategy"), s -> strategyColour.size());
      int marker = combinerMarker.computeIfAbsent(row.cell("combiner"), c -> combinerMarker.size());
      series.setMarkerColor(Charts.color(colour));
      series.setMarker(MARKERS[marker % MARKERS.length]);
    }
    return chart;
  }
}
