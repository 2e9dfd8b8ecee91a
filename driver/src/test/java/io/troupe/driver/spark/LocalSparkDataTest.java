package io.troupe.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The foundation the sweep builds on: a real local Spark (2 slots) on Java 17, a dataset broadcast
 * once and read intact by every task, and ND4J working inside those tasks.
 */
class LocalSparkDataTest {
  private static SparkSession spark;
  private static ExperimentSpec spec;

  @BeforeAll
  static void start() {
    spec = ConfigLoader.parse("data: {source: synthetic, synthetic: {trainSize: 600, testSize: 100}}",
        "t.yaml", "spark-smoke", List.of("spark.conf.spark.ui.enabled=false"));
    spark = SparkSessions.start(spec, "local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void broadcastDatasetArrivesIntactInEveryTask() {
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<DataSplits> shared = jsc.broadcast(splits);
    List<String> seen = jsc.parallelize(List.of(0, 1, 2, 3), 4)
        .map(i -> shared.value().train().fingerprint() + "/" + shared.value().validation().size())
        .collect();
    String expected = splits.train().fingerprint() + "/" + splits.validation().size();
    assertEquals(List.of(expected, expected, expected, expected), seen);
  }

  @Test
  void nd4jRunsInsideSparkTasks() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Double> sums = jsc.parallelize(List.of(1, 2), 2)
        .map(k -> Nd4j.create(new float[] {k, k, k}).mmul(Nd4j.create(new float[] {1, 1, 1}).reshape(3, 1))
            .getDouble(0))
        .collect();
    assertEquals(List.of(3.0, 6.0), sums);
  }
}
