package io.troupe.driver.data;

import io.troupe.data.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns a part's {@link PartStats} into the problems a user must fix, each naming the config
 * field, the column, the path or table, and how many rows. A detail that the single pass could
 * not hold (which feature columns hold nulls, which array lengths occur) costs one more query,
 * run only when there is something to report.
 */
final class PartChecks {
  private static final int LENGTHS_SHOWN = 5;

  private PartChecks() {}

  /**
   * @param classes the class count labels must stay below; null while the training part has none yet
   * @param classesFrom what set {@code classes}, for the message, e.g. "data.spark.classes is 10"
   * @param imageShape [channels, height, width] when the features are pixels, else null
   */
  static List<String> problems(PartColumns columns, PartStats stats, Task task, Integer classes, String classesFrom,
      int[] imageShape) {
    SourcePart part = columns.part();
    List<String> problems = new ArrayList<>();
    if (stats.rows() == 0) {
      return List.of(part.field() + ": " + part.where() + " holds no rows");
    }
    if (stats.nullLabels() > 0) {
      problems.add("data.spark.label: column \"" + part.label() + "\" is null in "
          + rows(stats.nullLabels(), stats, part) + "; drop or fill those rows first");
    }
    nullFeatures(columns, stats, problems);
    lengths(columns, stats, problems);
    if (task == Task.CLASSIFICATION) {
      labels(part, stats, classes, classesFrom, problems);
    }
    if (imageShape != null) {
      imageShape(part, stats, imageShape, problems);
    }
    return problems;
  }

  private static void nullFeatures(PartColumns columns, PartStats stats, List<String> problems) {
    SourcePart part = columns.part();
    if (stats.nullFeatures() > 0) {
      problems.add("data.spark.features: column \"" + part.features().get(0) + "\" is null in "
          + rows(stats.nullFeatures(), stats, part) + "; drop or fill those rows first");
    }
    if (stats.nullElements() == 0) {
      return;
    }
    if (columns.layout() == PartColumns.Layout.COLUMNS) {
      problems.add("data.spark.features: nulls in " + rows(stats.nullElements(), stats, part) + ": "
          + nullsPerColumn(part) + "; drop or fill those rows first");
    } else {
      problems.add("data.spark.features: column \"" + part.features().get(0) + "\" holds arrays with null elements in "
          + rows(stats.nullElements(), stats, part) + "; drop or fill those rows first");
    }
  }

  private static String nullsPerColumn(SourcePart part) {
    String[] exprs = part.features().stream()
        .map(c -> "count_if(" + SourcePart.quoted(c) + " IS NULL)").toArray(String[]::new);
    Row counts = part.selected().selectExpr(exprs).head();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < exprs.length; i++) {
      long n = counts.getLong(i);
      if (n > 0) {
        found.add("column \"" + part.features().get(i) + "\" in " + n + (n == 1 ? " row" : " rows"));
      }
    }
    return String.join(", ", found);
  }

  private static void lengths(PartColumns columns, PartStats stats, List<String> problems) {
    SourcePart part = columns.part();
    if (stats.maxLength() == null || stats.maxLength() == 0) {
      if (stats.nullFeatures() < stats.rows()) {
        problems.add("data.spark.features: " + describe(columns) + " in " + part.where() + " holds no features"
            + " (empty arrays or vectors)");
      }
      return;
    }
    if (!stats.minLength().equals(stats.maxLength())) {
      Dataset<Row> sizes = columns.normalized().where("features IS NOT NULL")
          .groupBy(functions.size(functions.col(PartColumns.FEATURES)).as("length")).count()
          .orderBy(functions.desc("count"), functions.asc("length")).limit(LENGTHS_SHOWN);
      String shown = sizes.collectAsList().stream()
          .map(r -> r.getInt(0) + " in " + r.getLong(1) + (r.getLong(1) == 1 ? " row" : " rows"))
          .collect(Collectors.joining(", "));
      problems.add("data.spark.features: " + describe(columns) + " in " + part.where()
          + " holds rows of different lengths: " + shown + "; every row needs the same number of features");
    }
  }

  private static void labels(SourcePart part, PartStats stats, Integer classes, String classesFrom,
      List<String> problems) {
    String column = "data.spark.label: column \"" + part.label() + "\" has ";
    if (stats.negativeLabels() > 0) {
      problems.add(column + "negative labels in " + rows(stats.negativeLabels(), stats, part) + " (the smallest is "
          + number(stats.smallestLabel()) + "); class labels must be 0..K-1");
    }
    if (stats.fractionalLabels() > 0) {
      problems.add(column + "labels that are not whole numbers in " + rows(stats.fractionalLabels(), stats, part)
          + " (e.g. " + number(stats.fractionalExample()) + "); class labels must be 0..K-1"
          + " (for a real-valued target set data.task: regression)");
    }
    if (classes != null && stats.labelsAtOrAbove() > 0) {
      problems.add(column + "labels >= " + classes + " in " + rows(stats.labelsAtOrAbove(), stats, part)
          + " (the largest is " + number(stats.maxLabel()) + "), but " + classesFrom);
    }
  }

  private static void imageShape(SourcePart part, PartStats stats, int[] imageShape, List<String> problems) {
    long size = Arrays.stream(imageShape).asLongStream().reduce(1, (a, b) -> a * b);
    Integer length = stats.maxLength();
    if (length != null && length.equals(stats.minLength()) && length != size) {
      problems.add("data.spark.imageShape: " + Arrays.toString(imageShape) + " makes " + size + " features, but the"
          + " rows of " + part.where() + " have " + length);
    }
  }

  /** The feature columns as messages name them: column "v"; columns a, b, c; the 784 columns p0 .. p783. */
  static String describe(PartColumns columns) {
    List<String> names = columns.part().features();
    if (columns.layout() != PartColumns.Layout.COLUMNS) {
      return "column \"" + names.get(0) + "\"";
    }
    return names.size() <= 4 ? "columns " + String.join(", ", names)
        : "the " + names.size() + " columns " + names.get(0) + " .. " + names.get(names.size() - 1);
  }

  private static String rows(long count, PartStats stats, SourcePart part) {
    return count + " of " + stats.rows() + " rows of " + part.where();
  }

  /** A label or value as a person writes it: 3 rather than 3.0. */
  static String number(Double value) {
    if (value == null) {
      return "null";
    }
    return value % 1 == 0 && Math.abs(value) < 1e15 ? Long.toString(value.longValue()) : value.toString();
  }
}
