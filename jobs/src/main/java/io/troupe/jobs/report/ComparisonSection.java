package io.troupe.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The ensemble comparison: the table itself with the best row highlighted, the score per strategy
 * as bars, and the score against its training compute with the models each strategy stores.
 */
final class ComparisonSection {
  private ComparisonSection() {}

  static Section of(Comparison comparison) {
    ScoreMetric metric = comparison.metric();
    List<CsvTable.Row> scored = comparison.rows().stream().filter(r -> Double.isFinite(comparison.score(r))).toList();
    StringBuilder body = new StringBuilder();
    body.append(table(comparison));
    int charts = 0;
    if (!scored.isEmpty()) {
      body.append(Html.image(Charts.dataUri(bars(comparison, scored)), metric.name() + " per strategy"));
      charts++;
    }
    XYChart compute = compute(comparison, scored);
    if (compute.getSeriesMap().isEmpty()) {
      body.append(Html.paragraph("No row has both train_epochs and " + metric.name() + ": the compute chart is skipped."));
    } else {
      body.append(Html.image(Charts.dataUri(compute), metric.name() + " against training compute"));
      charts++;
    }
    String description = "Each ensemble strategy and combiner side by side: " + metric.described()
        + " against what it costs to train (train_epochs) and to keep (models_stored); the best row is highlighted.";
    return new Section("comparison", "Ensemble strategies (" + Comparison.FILE + ")", description, body.toString(),
        charts);
  }

  private static String table(Comparison comparison) {
    double best = comparison.bestScore();
    StringBuilder s = new StringBuilder("<table class=\"data\">\n<tr>");
    comparison.table().header().forEach(c -> s.append("<th>").append(Html.escape(c)).append("</th>"));
    s.append("</tr>\n");
    for (CsvTable.Row row : comparison.rows()) {
      boolean isBest = comparison.score(row) == best;
      s.append(isBest ? "<tr class=\"best\">" : "<tr>");
      comparison.table().header().forEach(c -> s.append("<td>").append(cell(row.cell(c))).append("</td>"));
      s.append("</tr>\n");
    }
    s.append("</table>\n");
    s.append(Html.paragraph("Highlighted: the best " + comparison.metric().name() + ", " + Html.number(best)
        + ". Blank cells do not apply."));
    return s.toString();
  }

  /** Numbers are shown to 4 significant digits; anything else as written. */
  private static String cell(String text) {
    try {
      return Html.escape(Html.number(Double.parseDouble(text)));
    } catch (NumberFormatException e) {
      return Html.escape(text);
    }
  }

  /**
   * One bar per row, the best in its own colour. The axis starts near the lowest score (the title
   * says where): ensembles differ by tenths of a point, invisible on bars drawn from zero.
   */
  private static CategoryChart bars(Comparison comparison, List<CsvTable.Row> scored) {
    String name = comparison.metric().name();
    List<Double> scores = scored.stream().map(comparison::score).toList();
    double floor = axisFloor(scores);
    CategoryChart chart = Charts.bars(name + " per strategy and combiner (axis from " + Html.number(floor) + ")",
        "strategy / combiner", name);
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setDecimalPattern("0.####");
    chart.getStyler().setYAxisMin(floor);
    List<String> labels = StrategyLabel.distinct(scored.stream().map(comparison::label).toList());
    double best = comparison.bestScore();
    chart.addSeries(name, labels, scores.stream().map(v -> v == best ? null : v).toList()).setFillColor(Charts.color(0));
    chart.addSeries("best", labels, scores.stream().map(v -> v == best ? v : null).toList()).setFillColor(Charts.color(1));
    return chart;
  }

  /** A round value below every score, leaving room to see the lowest bar; never below zero. */
  static double axisFloor(List<Double> scores) {
    double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (min <= 0) {
      return Math.min(0, min);
    }
    double margin = max > min ? max - min : Math.abs(min) * 0.1;
    double step = Math.pow(10, Math.floor(Math.log10(margin)));
    return Math.max(0, Math.floor((min - margin) / step) * step);
  }

  /** One point per row at (train_epochs, score); its legend entry says how many models it stores. */
  private static XYChart compute(Comparison comparison, List<CsvTable.Row> scored) {
    String name = comparison.metric().name();
    XYChart chart = Charts.xy(name + " against compute (legend: models stored)", "training epochs (all members)", name);
    List<CsvTable.Row> points = new ArrayList<>();
    for (CsvTable.Row row : scored) {
      if (Double.isFinite(comparison.number(row, "train_epochs"))) {
        points.add(row);
      }
    }
    List<String> labels = StrategyLabel.distinct(points.stream().map(comparison::label).toList());
    for (int i = 0; i < points.size(); i++) {
      CsvTable.Row row = points.get(i);
      double stored = comparison.number(row, "models_stored");
      String legend = labels.get(i) + (Double.isFinite(stored) ? ": " + Html.number(stored) + " stored" : "");
      XYSeries series = chart.addSeries(legend, new double[] {comparison.number(row, "train_epochs")},
          new double[] {comparison.score(row)});
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    return chart;
  }
}
