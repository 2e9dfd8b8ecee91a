package io.troupe.jobs.mllib;

import io.troupe.data.DataSplits;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Troupe's train, validation and test parts as Spark ML DataFrames of {@code (features: Vector,
 * label: Double)}: the same rows in the same order, scaled by the same fitted
 * {@link io.troupe.data.FeatureTransform} a Troupe trial applies, cached. Rows are built on the
 * executors from one broadcast copy of the splits (bytes stay bytes on the wire), not on the driver.
 */
public record SplitFrames(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> test) {
  public static final String FEATURES = "features";
  public static final String LABEL = "label";

  /** Which part of the splits a frame holds; an enum so executor-side code can name it. */
  enum Part {
    TRAIN, VALIDATION, TEST;

    io.troupe.data.Dataset of(DataSplits splits) {
      return switch (this) {
        case TRAIN -> splits.train();
        case VALIDATION -> splits.validation();
        case TEST -> splits.test();
      };
    }
  }

  /** Builds and caches the three frames, each in {@code partitions} partitions. */
  public static SplitFrames of(SparkSession spark, DataSplits splits, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<DataSplits> shared = jsc.broadcast(splits);
    return new SplitFrames(frame(spark, jsc, shared, Part.TRAIN, partitions),
        frame(spark, jsc, shared, Part.VALIDATION, partitions), frame(spark, jsc, shared, Part.TEST, partitions));
  }

  public static StructType schema() {
    return new StructType()
        .add(FEATURES, SQLDataTypes.VectorType(), false)
        .add(LABEL, DataTypes.DoubleType, false);
  }

  /** Drops the cached rows. */
  public void unpersist() {
    train.unpersist();
    validation.unpersist();
    test.unpersist();
  }

  private static Dataset<Row> frame(SparkSession spark, JavaSparkContext jsc, Broadcast<DataSplits> shared,
      Part part, int partitions) {
    int size = part.of(shared.value()).size();
    int slices = Math.max(1, Math.min(partitions, size));
    List<Integer> ids = IntStream.range(0, slices).boxed().toList();
    // Partition k holds rows [k*n/p, (k+1)*n/p): contiguous, so the frame keeps Troupe's row order.
    JavaRDD<Row> rows = jsc.parallelize(ids, slices).flatMap(k -> {
      DataSplits splits = shared.value();
      io.troupe.data.Dataset data = part.of(splits);
      int from = (int) ((long) k * data.size() / slices);
      int to = (int) ((long) (k + 1) * data.size() / slices);
      List<Row> out = new ArrayList<>(to - from);
      float[] scaled = new float[data.numFeatures()];
      for (int r = from; r < to; r++) {
        splits.transform().apply(data, r, scaled, 0);
        double[] features = new double[scaled.length];
        for (int j = 0; j < scaled.length; j++) {
          features[j] = scaled[j];
        }
        out.add(RowFactory.create(Vectors.dense(features), (double) data.label(r)));
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, schema()).cache();
  }
}
