package io.troupe.jobs.report;

import io.troupe.eval.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every row's score as a dot on its 95% interval (a forest plot), first row on top, with the
 * baseline's score as a dashed reference line. The axis is zoomed to the data and says so: bars
 * from zero hid the two points that separate the strategies. Rows far from the rest are named
 * under the chart instead ({@link FarRows}).
 */
final class ScoreDots {
  private static final int ROW_HEIGHT = 34;
  private static final int MARGINS = 150;

  /** The chart and the sentences that go under it. */
  record Drawn(XYChart chart, List<String> notes) {}

  private ScoreDots() {}

  /** @param far the indices of {@code scored} left off the axis */
  static Drawn of(Comparison comparison, List<CsvTable.Row> scored, Set<Integer> far) {
    String name = comparison.metric().name();
    List<CsvTable.Row> drawn = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      if (far.contains(i)) {
        notes.add(comparison.label(scored.get(i)) + " (" + name + " " + Html.number(comparison.score(scored.get(i)))
            + ") is far from the other rows and left off the axis; see the table.");
      } else {
        drawn.add(scored.get(i));
      }
    }
    int n = drawn.size();
    List<String> labels = StrategyLabel.distinct(drawn.stream().map(comparison::label).toList());
    XYChart chart = Charts.xy(name + " per strategy and combiner, with 95% intervals",
        name + " (axis zoomed to the data: it does not start at 0)", "", Charts.WIDTH, MARGINS + ROW_HEIGHT * n);
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMin(Charts.CATEGORY_AXIS_MIN);
    chart.getStyler().setYAxisMax(Charts.categoryAxisMax(n));
    chart.getStyler().setYAxisTickMarkSpacingHint(ROW_HEIGHT - 4);
    // Row i sits at y = n - 1 - i, so the table's first row is on top.
    List<String> bottomUp = new ArrayList<>(labels);
    Collections.reverse(bottomUp);
    chart.setCustomYAxisTickLabelsFormatter(Charts.categoryLabels(bottomUp));
    boolean intervals = false;
    for (int i = 0; i < n; i++) {
      Interval interval = comparison.interval(drawn.get(i), name);
      if (interval != null) {
        XYSeries line = chart.addSeries(intervals ? "interval " + i : "95% bootstrap interval",
            new double[] {interval.low(), interval.high()}, new double[] {n - 1 - i, n - 1 - i});
        style(line, Charts.color(0), SeriesLines.SOLID, SeriesMarkers.NONE);
        line.setShowInLegend(!intervals);
        intervals = true;
      }
    }
    double best = comparison.bestScore();
    addDots(chart, comparison, drawn, n, v -> v != best, "estimate", Charts.color(0));
    addDots(chart, comparison, drawn, n, v -> v == best, "best", Charts.color(1));
    if (comparison.hasBaseline()) {
      double baseline = comparison.score(scored.get(0));
      XYSeries reference = chart.addSeries("baseline: " + comparison.label(scored.get(0)),
          new double[] {baseline, baseline}, new double[] {Charts.CATEGORY_AXIS_MIN, Charts.categoryAxisMax(n)});
      style(reference, Color.GRAY, SeriesLines.DASH_DASH, SeriesMarkers.NONE);
    }
    if (!intervals) {
      notes.add("This file has no intervals (it was written before Troupe stored them): dots only.");
    }
    return new Drawn(chart, notes);
  }

  private static void addDots(XYChart chart, Comparison comparison, List<CsvTable.Row> drawn, int n, DoublePredicate pick,
      String name, Color color) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double v = comparison.score(drawn.get(i));
      if (pick.test(v)) {
        points.add(new double[] {v, n - 1 - i});
      }
    }
    if (!points.isEmpty()) {
      XYSeries dots = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> p[1]).toArray());
      dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      dots.setMarker(SeriesMarkers.CIRCLE);
      dots.setMarkerColor(color);
    }
  }

  private static void style(XYSeries series, Color color, BasicStroke line, Marker marker) {
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setLineStyle(line);
    series.setMarker(marker);
  }
}
