package io.troupe.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.SourceData;
import io.troupe.data.SyntheticData;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A data-parallel config's spark source on real local Spark: the training rows are dealt to the
 * workers' cached parts and never collected, yet the split is the collected path's, row for row,
 * and a data-parallel trial trains on every row.
 */
class PartitionedSplitsTest {
  private static final int TRAIN = 601;
  private static final int TEST = 200;

  @TempDir static Path dir;
  private static SparkSession spark;
  private static String train;
  private static String test;

  @BeforeAll
  static void start() {
    spark = SparkFixture.start(dir);
    SourceData blobs = SyntheticData.blobs(TRAIN, TEST, 8, 3, 2.5, 11);
    // Three files, so the source has several partitions to number in order.
    train = write(blobs.train(), 3, "train");
    test = write(blobs.test(), 1, "test");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static String write(Dataset data, int files, String name) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < data.size(); r++) {
      List<Double> x = new ArrayList<>();
      for (int j = 0; j < data.numFeatures(); j++) {
        x.add((double) data.rawFeature(r, j));
      }
      rows.add(RowFactory.create(x, data.label(r)));
    }
    StructType schema = new StructType()
        .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("y", DataTypes.IntegerType, false);
    String path = dir.resolve(name).toString();
    // Row ranges, one file each, read back in that order.
    spark.createDataFrame(rows, schema).repartitionByRange(files, org.apache.spark.sql.functions.monotonically_increasing_id())
        .write().parquet(path);
    return path;
  }

  private static ExperimentSpec spec(String... sets) {
    List<String> overrides = new ArrayList<>(List.of(sets));
    return ConfigLoader.parse("""
        name: partitioned
        seed: 5
        data:
          source: spark
          spark: {path: '%s', test: {path: '%s'}, features: x, label: y}
          validation: 0.1
          scaling: standardize
        model: {hidden: [16], activation: relu, init: he}
        train:
          epochs: 2
          batchSize: 20
          optimizer: {type: adam, lr: 0.01}
          distributed: {mode: data-parallel, workers: 2, averagingFrequency: 3}
          monitor: {trainEvalExamples: 50}
        """.formatted(train, test), "partitioned.yaml", null, overrides);
  }

  private static List<Dataset> workerRows(DataSplits splits) {
    return PartitionedTraining.parts(splits).map(WorkerPart::rows).collect();
  }

  @ParameterizedTest(name = "{0} workers, scaling {1}, training cap {2}")
  @CsvSource({"2, standardize, ''", "3, unit, 400"})
  void theWorkersHoldTheCollectedPathsTrainingRowsAndTheDriverItsValidation(int workers, String scaling,
      String cap) {
    ExperimentSpec spec = spec("train.distributed.workers=" + workers, "data.scaling=" + scaling,
        "data.subset.train=" + (cap.isEmpty() ? "null" : cap));
    DataSplits collected = DataLoader.split(SparkDataLoader.load(spark, spec.data()), spec.data(), spec.dataSeed());
    DataSplits partitioned = PartitionedSplits.load(spark, spec);
    try {
      assertEquals(collected.validation().fingerprint(), partitioned.validation().fingerprint(), "validation");
      assertEquals(collected.test().fingerprint(), partitioned.test().fingerprint(), "test");
      assertEquals(collected.train().size(), partitioned.trainRows());
      assertEquals(workers, partitioned.partitioned().workers());
      assertEquals(50, partitioned.train().size(), "the driver holds the train-set evaluation's rows only");
      assertEquals(collected.train().select(IntStream.range(0, 50).toArray(), "head").fingerprint(),
          partitioned.train().fingerprint(), "the first training rows");

      List<Dataset> parts = workerRows(partitioned);
      assertEquals(workers, parts.size());
      for (int w = 0; w < workers; w++) {
        int[] dealt = IntStream.iterate(w, t -> t < collected.train().size(), t -> t + workers).toArray();
        assertEquals(collected.train().select(dealt, "dealt").fingerprint(), parts.get(w).fingerprint(),
            "worker " + w + " holds training rows " + w + ", " + (w + workers) + ", ...");
      }
      for (int j = 0; j < 8; j++) {
        assertEquals(collected.transform().offset(j), partitioned.transform().offset(j), 1e-6, "offset " + j);
        assertEquals(collected.transform().scale(j), partitioned.transform().scale(j), 1e-6, "scale " + j);
      }
      assertNotEquals(collected.sourceFingerprint(), partitioned.sourceFingerprint(),
          "numbered partition-wise, not as one collected Dataset");
      assertEquals(partitioned.sourceFingerprint(), reloadFingerprint(spec), "the same source, the same fingerprint");
    } finally {
      PartitionedTraining.release(partitioned);
    }
    assertThrows(IllegalStateException.class, () -> PartitionedTraining.parts(partitioned), "released");
  }

  private static String reloadFingerprint(ExperimentSpec spec) {
    DataSplits again = PartitionedSplits.load(spark, spec);
    PartitionedTraining.release(again);
    return again.sourceFingerprint();
  }

  @Test
  void aDataParallelTrialTrainsOnEveryPartitionedRowTheSameWayEachTime() throws Exception {
    ExperimentSpec spec = spec();
    DataSplits splits = ExperimentData.throughSpark(spec, spark, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    try {
      TrialResult.Completed first = train(splits, spec, "dp");
      Map<String, Double> m = first.info().metrics();
      assertEquals(541.0, m.get("train_rows"), "601 rows less 60 for validation");
      assertTrue(m.get("val_accuracy") > 0.8, m.toString());
      // 271 rows a worker (270 for the other) in batches of 20: 14 each, 28 in all, rounds of 2 x 3.
      assertEquals(2.0 * 5, m.get("dp_rounds"));
      TrialResult.Completed again = train(splits, spec, "dp");
      assertEquals(m.get("val_loss"), again.info().metrics().get("val_loss"), "the same seed, the same numbers");
      assertEquals(m.get("test_accuracy"), again.info().metrics().get("test_accuracy"));
    } finally {
      PartitionedTraining.release(splits);
    }
  }

  private static TrialResult.Completed train(DataSplits splits, ExperimentSpec spec, String id) throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (TrialDispatcher dispatcher = new TrialDispatcher(jsc, splits, dir.resolve("artifacts").toString(), 1)) {
      dispatcher.submit(TrialSpec.of(spec, id, Map.of()));
      TrialResult r = dispatcher.next();
      return assertInstanceOf(TrialResult.Completed.class, r, r.toString());
    }
  }

  @Test
  void aTrialInOneTaskCannotTrainOnPartitionedRows() {
    ExperimentSpec spec = spec();
    DataSplits splits = PartitionedSplits.load(spark, spec);
    try {
      TrialResult r = new io.troupe.train.TrialRunner(null, io.troupe.train.TrialProgress.SILENT)
          .run(TrialSpec.of(spec, "one-task", Map.of()), splits);
      TrialResult.Failed failed = assertInstanceOf(TrialResult.Failed.class, r);
      assertTrue(failed.message().contains("its training rows are partitioned across the executors"), failed.message());
    } finally {
      PartitionedTraining.release(splits);
    }
  }

  @Test
  void aTrainingRowThatIsNotAPixelIsBadInputNamingTheColumn() {
    ExperimentSpec spec = spec("data.spark.imageShape=[1, 2, 4]", "data.scaling=unit");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PartitionedSplits.load(spark, spec));
    assertTrue(e.getMessage().startsWith("data.spark.features: column \"x\" has values that are not whole numbers in"
        + " 0..255 in 541 of 541 rows of parquet path " + train + " (training part)"), e.getMessage());
  }
}
