package io.troupe.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Ensembles of a sweep's stored trials ({@code ensemble --from-sweep}): their table, tested against
 * the best single trial; the ensemble member by member in greedy order, on validation (what
 * selection chose on) and on test; and the weight each chosen trial ended with.
 */
final class SelectionSection {
  private SelectionSection() {}

  static Section of(Selection selection) {
    StringBuilder body = new StringBuilder();
    ComparisonSection.Body table = ComparisonSection.body(selection.table());
    body.append(table.html());
    int charts = table.charts();
    if (selection.steps().isEmpty()) {
      body.append(Html.paragraph(Selection.STEPS + " is absent: the greedy steps and weights are skipped."));
    } else {
      body.append(Html.chart(steps(selection), "greedy selection step by step"));
      charts++;
      body.append(weights(selection));
    }
    String description = "Ensembles built from the sweep's stored predictions with no training: the best trial, the"
        + " top k, greedy selection (Caruana et al. 2004) and its bagged variant, each tested against the best trial;"
        + " then greedy selection member by member and the weight each chosen trial ended with.";
    return new Section("selection", "Ensembles from the sweep (" + Selection.FILE + ")", description, body.toString(),
        charts);
  }

  /**
   * The test figure after each addition, the validation objective beside it when both are
   * accuracies (otherwise it is minus an NLL or MSE, on another scale), and the best trial's test
   * figure for reference.
   */
  private static XYChart steps(Selection selection) {
    List<Selection.Step> steps = selection.steps();
    String figure = selection.testFigure();
    double[] x = steps.stream().mapToDouble(Selection.Step::members).toArray();
    double[] validation = steps.stream().mapToDouble(Selection.Step::validation).toArray();
    boolean comparable = figure.equals("accuracy")
        && steps.stream().allMatch(s -> s.validation() >= 0 && s.validation() <= 1);
    XYChart chart = Charts.xy("greedy selection in the order members were added", "members (with repeats)", figure);
    chart.getStyler().setXAxisDecimalPattern("0");
    if (comparable) {
      line(chart, "validation (chosen on)", x, validation, Charts.color(1), SeriesLines.SOLID);
    }
    line(chart, "test", x, steps.stream().mapToDouble(Selection.Step::test).toArray(), Charts.color(0),
        SeriesLines.SOLID);
    double best = selection.table().number(selection.table().rows().get(0), figure);
    if (Double.isFinite(best)) {
      XYSeries reference = chart.addSeries("best trial, test", new double[] {x[0], x[x.length - 1]},
          new double[] {best, best});
      reference.setLineColor(Color.GRAY);
      reference.setLineStyle(SeriesLines.DASH_DASH);
      reference.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke style) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setLineStyle(style);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  /** Each chosen trial, how often greedy selection added it and its share of the ensemble, as a bar. */
  private static String weights(Selection selection) {
    Map<String, Integer> times = selection.timesChosen();
    int total = times.values().stream().mapToInt(Integer::intValue).sum();
    int most = times.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"data\">\n<tr><th>trial</th>"
        + "<th>times chosen</th><th>weight</th><th class=\"text\"></th></tr>\n");
    times.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> s
        .append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td>").append(e.getValue()).append("</td><td>")
        .append(String.format(Locale.ROOT, "%.3f", e.getValue() / (double) total)).append("</td><td class=\"text\">")
        .append("<span class=\"bar\" style=\"width: ").append(Math.round(160.0 * e.getValue() / most))
        .append("px\"></span></td></tr>\n"));
    s.append("</table></div>\n");
    s.append(Html.paragraph("Greedy selection's weights: " + times.size() + " distinct trials chosen " + total
        + " times in all (with replacement), each weighted by how often it was chosen."));
    return s.toString();
  }
}
