package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import java.io.IOException;
import io.troupe.artifacts.ArtifactStore;
import java.util.List;

/**
 * {@code comparison.csv}: one row per ensemble strategy and combiner with its scores and costs.
 * Blank cells mean "does not apply" (classification columns are blank for regression). The
 * report ranks by accuracy, or by mse when no row has an accuracy.
 */
record Comparison(CsvTable table, ScoreMetric metric) {
  static final String FILE = "comparison.csv";
  static final List<String> COLUMNS = List.of("strategy", "combiner", "members", "train_epochs", "models_stored",
      "inference_passes", "accuracy", "nll", "brier", "ece", "macro_f1", "mean_member_accuracy", "oracle_accuracy",
      "disagreement", "ties", "oob_accuracy", "mse", "mae");
  static final ScoreMetric ACCURACY = new ScoreMetric("accuracy", true);
  static final ScoreMetric MSE = new ScoreMetric("mse", false);

  static Comparison read(ArtifactStore files) throws IOException {
    CsvTable table = CsvTable.read(files, FILE, COLUMNS);
    for (CsvTable.Row row : table.rows()) {
      // Every listed column but the two names is a number or blank: check them all up front.
      COLUMNS.subList(2, COLUMNS.size()).forEach(column -> table.number(row, column));
    }
    return new Comparison(table, metricOf(table));
  }

  List<CsvTable.Row> rows() {
    return table.rows();
  }

  String label(CsvTable.Row row) {
    return StrategyLabel.of(row.cell("strategy"), row.cell("combiner"));
  }

  double score(CsvTable.Row row) {
    return number(row, metric.name());
  }

  double number(CsvTable.Row row, String column) {
    return table.number(row, column);
  }

  /** The best score over all rows; rows that equal it are highlighted. */
  double bestScore() {
    return metric.best(rows().stream().map(this::score).toList());
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
