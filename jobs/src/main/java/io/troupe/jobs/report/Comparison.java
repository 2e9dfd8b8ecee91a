package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.ensemble.ComparisonRow;
import io.troupe.ensemble.ComparisonTable;
import io.troupe.ensemble.ComparisonUncertainty;
import io.troupe.eval.Interval;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code comparison.csv} (or a sweep's {@code selection/selection.csv}, the same columns): one row
 * per ensemble strategy and combiner with its scores and costs. Blank cells mean "does not apply"
 * (classification columns are blank for regression). The report ranks by accuracy, or by mse when
 * no row has an accuracy. The interval and p-value columns are optional: files written before
 * Troupe stored them render without.
 */
record Comparison(CsvTable table, ScoreMetric metric) {
  static final String FILE = "comparison.csv";
  static final List<String> COLUMNS = List.of("strategy", "combiner", "members", "train_epochs", "models_stored",
      "inference_passes", "accuracy", "nll", "brier", "ece", "macro_f1", "mean_member_accuracy", "oracle_accuracy",
      "disagreement", "ties", "oob_accuracy", "mse", "mae");
  static final ScoreMetric ACCURACY = new ScoreMetric("accuracy", true);
  static final ScoreMetric MSE = new ScoreMetric("mse", false);

  static Comparison read(ArtifactStore files) throws IOException {
    return read(files, FILE);
  }

  static Comparison read(ArtifactStore files, String key) throws IOException {
    CsvTable table = CsvTable.read(files, key, COLUMNS);
    List<String> numeric = Stream.concat(COLUMNS.subList(2, COLUMNS.size()).stream(),
        ComparisonUncertainty.COLUMNS.stream().filter(table.header()::contains)).toList();
    for (CsvTable.Row row : table.rows()) {
      // Every known column but the two names is a number or blank: check them all up front.
      numeric.forEach(column -> table.number(row, column));
    }
    return new Comparison(table, metricOf(table));
  }

  List<CsvTable.Row> rows() {
    return table.rows();
  }

  String label(CsvTable.Row row) {
    return ComparisonRow.label(row.cell("strategy"), row.cell("combiner"));
  }

  double score(CsvTable.Row row) {
    return number(row, metric.name());
  }

  double number(CsvTable.Row row, String column) {
    return table.header().contains(column) ? table.number(row, column) : Double.NaN;
  }

  /** The figure's 95% interval, or null when the file has none for this row. */
  Interval interval(CsvTable.Row row, String figure) {
    double low = number(row, figure + "_low");
    double high = number(row, figure + "_high");
    return Double.isFinite(low) && Double.isFinite(high) && low <= high
        ? new Interval(number(row, figure), low, high) : null;
  }

  /** The p-value of the figure's difference from the baseline (the first row), NaN when not tested. */
  double p(CsvTable.Row row, String figure) {
    return number(row, figure + "_p");
  }

  /** Whether any row was tested against the first: then the first row is the baseline. */
  boolean hasBaseline() {
    return rows().stream().skip(1).anyMatch(r -> Double.isFinite(p(r, metric.name())));
  }

  /** The best score over all rows; rows that equal it are highlighted. */
  double bestScore() {
    return metric.best(rows().stream().map(this::score).toList());
  }

  /** The rows as the project's own table, so the report words its tests as the commands print them. */
  ComparisonTable asTable() {
    return new ComparisonTable(rows().stream().map(this::asRow).toList());
  }

  private ComparisonRow asRow(CsvTable.Row row) {
    Map<String, Double> figures = new LinkedHashMap<>();
    for (String column : table.header()) {
      if (ComparisonTable.FIGURES.contains(column) || ComparisonUncertainty.COLUMNS.contains(column)) {
        double v = table.number(row, column);
        if (Double.isFinite(v)) {
          figures.put(column, v);
        }
      }
    }
    return new ComparisonRow(row.cell("strategy"), row.cell("combiner"), (int) whole(row, "members"),
        whole(row, "train_epochs"), (int) whole(row, "models_stored"), (int) whole(row, "inference_passes"), figures);
  }

  /** A count column, 0 when blank (only the labels and figures of these rows are read). */
  private double whole(CsvTable.Row row, String column) {
    double v = table.number(row, column);
    return Double.isFinite(v) ? v : 0;
  }

  private static ScoreMetric metricOf(CsvTable table) {
    if (table.rows().stream().anyMatch(r -> Double.isFinite(table.number(r, "accuracy")))) {
      return ACCURACY;
    }
    if (table.rows().stream().anyMatch(r -> Double.isFinite(table.number(r, "mse")))) {
      return MSE;
    }
    throw new InvalidInputException(table.file() + ": no row has an accuracy or an mse; expected one of them per row"
        + (table.rows().isEmpty() ? " (the file has a header but no rows)" : ""));
  }
}
