package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import java.io.IOException;
import io.troupe.artifacts.ArtifactStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code members-curve.csv}: the score of the ensemble made of its first k members, k = 1..M, per
 * strategy and combiner. Accuracy when any row has one, otherwise mse (regression).
 *
 * @param series label -> points (members, score), sorted by members; rows without a score are left out
 */
record MembersCurve(String file, ScoreMetric metric, Map<String, List<Point>> series) {
  static final String FILE = "members-curve.csv";
  static final List<String> COLUMNS = List.of("strategy", "combiner", "members", "accuracy", "mse");

  record Point(int members, double score) {}

  MembersCurve {
    Map<String, List<Point>> copy = new LinkedHashMap<>();
    series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    series = java.util.Collections.unmodifiableMap(copy);
  }

  static MembersCurve read(ArtifactStore files) throws IOException {
    String file = files.describe(FILE);
    CsvTable table = CsvTable.read(files, FILE, COLUMNS);
    boolean accuracy = table.rows().stream().anyMatch(r -> Double.isFinite(table.number(r, "accuracy")));
    ScoreMetric metric = accuracy ? Comparison.ACCURACY : Comparison.MSE;
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (CsvTable.Row row : table.rows()) {
      double members = table.number(row, "members");
      if (!(members >= 1) || members != Math.rint(members)) {
        throw new InvalidInputException(file + ": line " + row.line() + ", column members: expected a whole number >= 1, got \""
            + row.cell("members") + "\"");
      }
      double score = table.number(row, metric.name());
      if (Double.isFinite(score)) {
        series.computeIfAbsent(StrategyLabel.of(row.cell("strategy"), row.cell("combiner")), k -> new ArrayList<>())
            .add(new Point((int) members, score));
      }
    }
    // No rows at all is a run of the baseline alone (ensemble --strategy single): nothing to draw.
    if (series.isEmpty() && !table.rows().isEmpty()) {
      throw new InvalidInputException(file + ": no row has an accuracy or an mse; expected one of them per row");
    }
    series.values().forEach(points -> points.sort(Comparator.comparingInt(Point::members)));
    return new MembersCurve(file, metric, series);
  }
}
