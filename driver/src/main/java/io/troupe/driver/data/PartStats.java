package io.troupe.driver.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;

/**
 * What one pass over a part's {@code features} and {@code label} finds, before anything is
 * collected: its rows, the feature-array lengths and everything that would make it bad input.
 * Counts are rows; a minimum or maximum is null when no row has a value.
 *
 * @param labelsAtOrAbove rows whose label is at least the class count asked about (0 if none was)
 */
record PartStats(long rows, long nullFeatures, long nullElements, Integer minLength, Integer maxLength,
    long nullLabels, Double maxLabel, long negativeLabels, Double smallestLabel, long fractionalLabels,
    Double fractionalExample, long labelsAtOrAbove) {

  /**
   * One aggregation over {@code columns}' normalized frame.
   *
   * @param classes count labels at or above it; null counts none
   */
  static PartStats of(PartColumns columns, Integer classes) {
    Dataset<Row> frame = columns.normalized();
    // Spark runs a lambda per element uncompiled (1.3 s for Fashion-MNIST): only where nulls can be.
    boolean nullable = ((ArrayType) frame.schema().apply(PartColumns.FEATURES).dataType()).containsNull();
    List<String> exprs = new ArrayList<>(List.of(
        "count(1) AS rows",
        "count_if(features IS NULL) AS nullFeatures",
        (nullable ? "count_if(exists(features, x -> x IS NULL))" : "0L") + " AS nullElements",
        "min(CASE WHEN features IS NOT NULL THEN size(features) END) AS minLength",
        "max(CASE WHEN features IS NOT NULL THEN size(features) END) AS maxLength",
        "count_if(label IS NULL) AS nullLabels",
        "max(label) AS maxLabel",
        "count_if(label < 0) AS negativeLabels",
        "min(label) AS smallestLabel",
        // NaN % 1 is NaN, which is != 0: NaN counts as a fraction, as do infinities.
        "count_if(label % 1 != 0) AS fractionalLabels",
        "min(CASE WHEN label % 1 != 0 THEN label END) AS fractionalExample",
        (classes == null ? "0L" : "count_if(label >= " + classes + ")") + " AS labelsAtOrAbove"));
    Row r = frame.selectExpr(exprs.toArray(String[]::new)).head();
    return new PartStats(r.getAs("rows"), r.getAs("nullFeatures"), r.getAs("nullElements"), r.getAs("minLength"),
        r.getAs("maxLength"), r.getAs("nullLabels"), r.getAs("maxLabel"), r.getAs("negativeLabels"),
        r.getAs("smallestLabel"), r.getAs("fractionalLabels"), r.getAs("fractionalExample"),
        r.getAs("labelsAtOrAbove"));
  }

  /** Features per row, once every row has the same number. */
  int features() {
    return minLength;
  }
}
