package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;
import java.util.List;
import java.util.Map;

/**
 * A table Spark reads for source spark: any data source format, from a path or a catalog table,
 * with the feature and label columns to take. Only those columns are read; the rows are collected
 * into memory, so the data must fit the driver and every executor (see maxBytes).
 */
@Doc("A table Spark reads (source spark): only the named columns are read, and the rows are collected into"
    + " memory, so the data must fit the driver and every executor (each holds a copy).")
public record SparkSourceSpec(
    @Doc("Spark data source format of the paths: parquet, orc, csv, json, or any other on the classpath (e.g. avro, delta). A table knows its own.")
    @Default("parquet") String format,
    @Doc("Path or URI of the training data (hdfs://, s3a://, file:, or a local path; a file, directory or glob). Give this or table.")
    @Default("null") String path,
    @Doc("Catalog table (or view) holding the training data, e.g. db.fashion_train. Give this or path.")
    @Default("null") String table,
    @Doc("Feature columns: one Spark ML vector column (dense or sparse), one array-of-numbers column, or a list of numeric columns, in order.")
    List<String> features,
    @Doc("Label column: a class index 0..K-1 (classification; integer-valued numbers) or the real target (regression).")
    String label,
    @Doc("The test part: its own path or table, read with the same format, options and columns.")
    SparkLocationSpec test,
    @Doc("Reader options passed to Spark as they are, e.g. {header: true, inferSchema: true} for csv (without inferSchema csv columns are text).")
    @Default("{}") Map<String, String> options,
    @Doc("Number of classes; a label >= classes is an error. null infers the largest training label + 1. Classification only.")
    @Default("null") @Min(2) Integer classes,
    @Doc("[channels, height, width] when the features are pixels 0..255 of images in that row-major order: kept as bytes (a quarter of the memory), scaled by 1/255 under scaling unit, and cnn models and augmentation apply. null: tabular features, kept as floats.")
    @Default("null") @Min(1) List<Integer> imageShape,
    @Doc("Most bytes the data may take in memory: rows (train + test) x features x 4 bytes (1 with imageShape). Checked by counting the rows before anything is collected.")
    @Default("2147483648") @Min(1) long maxBytes)
    implements CrossChecked {

  public SparkSourceSpec {
    options = Map.copyOf(options);
  }

  @Override
  public void crossCheck(Checks checks) {
    SparkLocationSpec.requireOne(checks, path, table, "the training data");
    if (format.isBlank()) {
      checks.fail("format", "must name a Spark data source, e.g. parquet");
    }
    if (features.isEmpty()) {
      checks.fail("features", "must name a vector column, an array column or at least one numeric column");
    }
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).isBlank()) {
        checks.fail("features[" + i + "]", "must name a column, got \"\"");
      }
    }
    if (features.size() != features.stream().distinct().count()) {
      checks.fail("features", "names a column twice: " + features);
    }
    if (label.isBlank()) {
      checks.fail("label", "must name a column, got \"\"");
    } else if (features.contains(label)) {
      checks.fail("label", "column \"" + label + "\" is also in " + checks.path("features"));
    }
    if (imageShape != null && imageShape.size() != 3) {
      checks.fail("imageShape", "must be [channels, height, width], got " + imageShape);
    }
  }

  /** Where the training data lives. */
  public SparkLocationSpec train() {
    return new SparkLocationSpec(path, table);
  }

  /** The feature shape of one example with imageShape, e.g. {1, 28, 28}; null for tabular data. */
  public int[] imageDims() {
    return imageShape == null ? null : imageShape.stream().mapToInt(Integer::intValue).toArray();
  }
}
