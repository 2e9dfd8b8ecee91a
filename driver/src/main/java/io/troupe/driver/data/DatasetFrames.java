package io.troupe.driver.data;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A {@link Dataset} as a Spark DataFrame that data.source spark reads back as the same Dataset:
 * {@code features} (array of floats, raw: pixels stay 0..255) and {@code label} (int class index,
 * or double target). One partition in row order, so written out it is one file in that order.
 */
public final class DatasetFrames {
  private DatasetFrames() {}

  public static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset data) {
    // The rows are made where the task runs, from one broadcast copy, not held twice on the driver.
    Broadcast<Dataset> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data);
    MapFunction<Long, LabeledRow> row = index -> {
      Dataset d = shared.value();
      int i = Math.toIntExact(index);
      float[] features = new float[d.numFeatures()];
      d.copyRawFeatures(i, features, 0);
      return new LabeledRow(features, d.task() == Task.CLASSIFICATION ? d.label(i) : d.target(i));
    };
    org.apache.spark.sql.Dataset<Row> rows = spark.range(0, data.size(), 1, 1)
        .map(row, Encoders.bean(LabeledRow.class)).toDF();
    return rows.select(functions.col(PartColumns.FEATURES), data.task() == Task.CLASSIFICATION
        ? functions.col(PartColumns.LABEL).cast("int").as(PartColumns.LABEL) : functions.col(PartColumns.LABEL));
  }
}
