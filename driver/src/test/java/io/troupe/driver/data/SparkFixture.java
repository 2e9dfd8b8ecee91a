package io.troupe.driver.data;

import io.troupe.config.ConfigLoader;
import io.troupe.config.DataSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Dataset;
import io.troupe.driver.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small deterministic tables for the spark source tests: row i has features i/4, i/4 + 1, i/4 + 2
 * (exact in float, double and text) and class label i mod 3, in every layout at once: numeric
 * columns x0..x2, an array column, a vector column (sparse on odd rows), and a text column.
 */
final class SparkFixture {
  static final int FEATURES = 3;
  static final int CLASSES = 3;
  static final int TRAIN_ROWS = 30;
  static final int TEST_ROWS = 9;

  private SparkFixture() {}

  /** A local session with 2 slots, no UI, and a warehouse for catalog tables under {@code dir}. */
  static SparkSession start(Path dir) {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}", "t.yaml", "spark-data",
        List.of("spark.conf.spark.ui.enabled=false", "spark.conf.spark.sql.shuffle.partitions=2",
            "spark.conf.spark.sql.warehouse.dir=" + dir.resolve("warehouse").toUri()));
    return SparkSessions.start(spec, "local[2]");
  }

  static float value(int row, int feature) {
    return row * 0.25f + feature;
  }

  static int label(int row) {
    return row % CLASSES;
  }

  static StructType schema() {
    return new StructType(new StructField[] {
        DataTypes.createStructField("x0", DataTypes.DoubleType, true),
        DataTypes.createStructField("x1", DataTypes.DoubleType, true),
        DataTypes.createStructField("x2", DataTypes.DoubleType, true),
        DataTypes.createStructField("arr", DataTypes.createArrayType(DataTypes.DoubleType, true), true),
        DataTypes.createStructField("vec", SQLDataTypes.VectorType(), true),
        DataTypes.createStructField("y", DataTypes.IntegerType, true),
        DataTypes.createStructField("target", DataTypes.DoubleType, true),
        DataTypes.createStructField("note", DataTypes.StringType, true)});
  }

  /** Rows {@code from .. from + count - 1}. */
  static List<Row> rows(int from, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      double[] x = {value(i, 0), value(i, 1), value(i, 2)};
      Object vector = i % 2 == 0 ? Vectors.dense(x) : Vectors.dense(x).toSparse();
      rows.add(RowFactory.create(x[0], x[1], x[2], List.of(x[0], x[1], x[2]), vector, label(i), 2.0 * i,
          "row " + i));
    }
    return rows;
  }

  static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, schema());
  }

  /** What the training part must load as, whatever the format or layout. */
  static Dataset expected(int from, int count) {
    float[] features = new float[count * FEATURES];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < FEATURES; j++) {
        features[i * FEATURES + j] = value(from + i, j);
      }
      labels[i] = label(from + i);
    }
    return Dataset.ofFloats("expected", new int[] {FEATURES}, features, labels, CLASSES);
  }

  /** The data section of a config whose data.spark block is {@code block} (YAML flow mapping content). */
  static DataSpec data(String block, String... more) {
    List<String> overrides = new ArrayList<>(List.of(more));
    return ConfigLoader.parse("data: {source: spark, spark: {" + block + "}}", "t.yaml", "t", overrides).data();
  }
}
