package io.troupe.jobs.report;

import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;

/**
 * The ensemble comparison: the tables ({@link ComparisonTables}), each row's score with its
 * interval ({@link ScoreDots}), and the score against its training compute ({@link ComputeChart}).
 */
final class ComparisonSection {
  private ComparisonSection() {}

  static Section of(Comparison comparison) {
    String description = "Each ensemble strategy and combiner side by side: " + comparison.metric().described()
        + " with its 95% interval and its difference from the baseline, against what it costs to train"
        + " (train_epochs) and to keep (models_stored); the best row is highlighted.";
    Body body = body(comparison);
    return new Section("comparison", "Ensemble strategies (" + Comparison.FILE + ")", description, body.html(),
        body.charts());
  }

  /** The HTML of a comparison table and its charts, shared with the sweep's selection table. */
  record Body(String html, int charts) {}

  static Body body(Comparison comparison) {
    String name = comparison.metric().name();
    List<CsvTable.Row> scored = comparison.rows().stream().filter(r -> Double.isFinite(comparison.score(r))).toList();
    StringBuilder html = new StringBuilder(ComparisonTables.of(comparison));
    int charts = 0;
    Set<Integer> far = FarRows.in(comparison, scored);
    if (!scored.isEmpty()) {
      ScoreDots.Drawn dots = ScoreDots.of(comparison, scored, far);
      html.append(Html.chart(dots.chart(), name + " per strategy with 95% intervals"));
      dots.notes().forEach(n -> html.append(Html.paragraph(n)));
      charts++;
    }
    XYChart compute = ComputeChart.of(comparison, scored, far);
    if (compute == null) {
      html.append(Html.paragraph("No row has both train_epochs and " + name + ": the compute chart is skipped."));
    } else {
      html.append(Html.chart(compute, name + " against training compute"));
      charts++;
    }
    return new Body(html.toString(), charts);
  }
}
