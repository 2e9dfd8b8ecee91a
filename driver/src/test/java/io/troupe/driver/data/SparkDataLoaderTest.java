package io.troupe.driver.data;

import static io.troupe.driver.data.SparkFixture.TEST_ROWS;
import static io.troupe.driver.data.SparkFixture.TRAIN_ROWS;
import static io.troupe.driver.data.SparkFixture.data;
import static io.troupe.driver.data.SparkFixture.expected;
import static io.troupe.driver.data.SparkFixture.frame;
import static io.troupe.driver.data.SparkFixture.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.DataSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.SourceData;
import io.troupe.data.Task;
import io.troupe.data.load.DataLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * data.source spark on a real local Spark: every format and feature layout loads the same rows
 * into the same Dataset, only the named columns are read, and bad input is refused with the
 * config field, the column, the path or table and the number of rows in the message.
 */
class SparkDataLoaderTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static String train;
  private static String test;

  @BeforeAll
  static void start() {
    spark = SparkFixture.start(dir);
    train = write(frame(spark, rows(0, TRAIN_ROWS)), "parquet", "train");
    test = write(frame(spark, rows(TRAIN_ROWS, TEST_ROWS)), "parquet", "test");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Writes {@code frame} as one file (so its row order is kept) under a new directory. */
  private static String write(org.apache.spark.sql.Dataset<Row> frame, String format, String name) {
    String path = dir.resolve(name + "-" + format + "-" + System.nanoTime()).toString();
    frame.coalesce(1).write().format(format).option("header", "true").save(path);
    return path;
  }

  private static SourceData load(DataSpec data) {
    return SparkDataLoader.load(spark, data);
  }

  private static String paths(String trainPath, String testPath) {
    return "path: '" + trainPath + "', test: {path: '" + testPath + "'}";
  }

  private static void assertLoadsTheFixture(SourceData loaded) {
    assertEquals(expected(0, TRAIN_ROWS).fingerprint(), loaded.train().fingerprint(), "training part");
    assertEquals(expected(TRAIN_ROWS, TEST_ROWS).fingerprint(), loaded.test().fingerprint(), "test part");
  }

  private static String badInput(DataSpec data) {
    return assertThrows(InvalidInputException.class, () -> load(data)).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected \"" + part + "\" in:\n" + message);
    }
  }

  @Test
  void parquetWithAnArrayColumnLoadsEveryRowInOrder() {
    SourceData loaded = load(data(paths(train, test) + ", features: arr, label: y"));
    assertLoadsTheFixture(loaded);
    assertEquals(3, loaded.train().numClasses(), "classes inferred: largest training label + 1");
    assertArrayEquals(new int[] {SparkFixture.FEATURES}, loaded.train().featureShape());
    assertFalse(loaded.train().isByteFeatures());
  }

  @ParameterizedTest
  @ValueSource(strings = {"arr", "vec", "[x0, x1, x2]"})
  void everyFeatureLayoutGivesTheSameDataset(String features) {
    assertLoadsTheFixture(load(data(paths(train, test) + ", features: " + features + ", label: y")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"orc", "json"})
  void orcAndJsonGiveTheSameDataset(String format) {
    // JSON has no vector type (it writes one as a struct), so both read the array and the columns.
    org.apache.spark.sql.Dataset<Row> trainFrame = frame(spark, rows(0, TRAIN_ROWS)).drop("vec");
    org.apache.spark.sql.Dataset<Row> testFrame = frame(spark, rows(TRAIN_ROWS, TEST_ROWS)).drop("vec");
    String block = paths(write(trainFrame, format, "train"), write(testFrame, format, "test")) + ", format: " + format;
    assertLoadsTheFixture(load(data(block + ", features: arr, label: y")));
    assertLoadsTheFixture(load(data(block + ", features: [x0, x1, x2], label: y")));
  }

  @Test
  void csvWithInferredTypesGivesTheSameDataset() {
    String block = csvPaths() + ", format: csv, features: [x0, x1, x2], label: y";
    assertLoadsTheFixture(load(data(block + ", options: {header: true, inferSchema: true}")));
    // Without inferSchema every csv column is text: the message says how to fix it.
    assertContains(badInput(data(block + ", options: {header: true}")),
        "data.spark.features: column \"x0\" in csv path " + dir, "is string, expected a number",
        "inferSchema: true");
  }

  private static String csvPaths() {
    List<String> columns = List.of("x0", "x1", "x2", "y", "note");
    return paths(write(frame(spark, rows(0, TRAIN_ROWS)).selectExpr(columns.toArray(String[]::new)), "csv", "train"),
        write(frame(spark, rows(TRAIN_ROWS, TEST_ROWS)).selectExpr(columns.toArray(String[]::new)), "csv", "test"));
  }

  @Test
  void catalogTablesLoadLikePaths() {
    frame(spark, rows(0, TRAIN_ROWS)).coalesce(1).write().saveAsTable("fixture_train");
    frame(spark, rows(TRAIN_ROWS, TEST_ROWS)).createOrReplaceTempView("fixture_test");
    assertLoadsTheFixture(load(data("table: fixture_train, test: {table: fixture_test}, features: vec, label: y")));
    assertContains(badInput(data("table: fixture_trian, test: {table: fixture_test}, features: vec, label: y")),
        "data.spark.table: no table or view fixture_trian in the catalog; tables and views in database default:",
        "fixture_test", "fixture_train");
  }

  @Test
  void onlyTheNamedColumnsAreRead() {
    // Two files disagree on the type of "other": reading it fails, so loading succeeds only if it is never read.
    String mixed = dir.resolve("mixed-" + System.nanoTime()).toString();
    frame(spark, rows(0, 10)).withColumn("other", functions.lit(1)).coalesce(1).write().parquet(mixed);
    frame(spark, rows(10, 10)).withColumn("other", functions.lit("text")).coalesce(1).write().mode("append")
        .parquet(mixed);
    Exception control = assertThrows(Exception.class,
        () -> spark.read().parquet(mixed).select("other").collectAsList());
    assertTrue(String.valueOf(control.getCause() == null ? control : control.getCause()).contains("other"),
        "the control read fails on the column \"other\": " + control);
    SourceData loaded = load(data(paths(mixed, test) + ", features: arr, label: y"));
    assertEquals(20, loaded.train().size());
  }

  @Test
  void regressionTakesTheLabelAsARealTarget() {
    SourceData loaded = load(data(paths(train, test) + ", features: [x0, x1, x2], label: target", "data.task=regression",
        "ensemble.combiners=[average]"));
    assertEquals(Task.REGRESSION, loaded.train().task());
    for (int i = 0; i < TRAIN_ROWS; i++) {
      assertEquals(2f * i, loaded.train().target(i));
    }
  }

  @Test
  void classesMayBeMoreThanTheLabelsShow() {
    assertEquals(5, load(data(paths(train, test) + ", features: arr, label: y, classes: 5")).train().numClasses());
  }

  @Test
  void theSameRowsGiveTheSameFingerprintAndAChangedValueAnother() {
    DataSpec spec = data(paths(train, test) + ", features: arr, label: y");
    DataSplits once = DataLoader.split(load(spec), spec, 7);
    DataSplits again = DataLoader.split(load(spec), spec, 7);
    assertEquals(once.sourceFingerprint(), again.sourceFingerprint());
    List<Row> changed = rows(0, TRAIN_ROWS);
    Row first = changed.get(0);
    changed.set(0, org.apache.spark.sql.RowFactory.create(first.get(0), first.get(1), first.get(2),
        List.of(0.0, 1.0, 2.5), first.get(4), first.get(5), first.get(6), first.get(7)));
    String edited = write(frame(spark, changed), "parquet", "edited");
    DataSplits other = DataLoader.split(load(data(paths(edited, test) + ", features: arr, label: y")), spec, 7);
    assertNotEquals(once.sourceFingerprint(), other.sourceFingerprint());
  }

  @Test
  void pixelsWithAnImageShapeAreKeptAsBytes() {
    String block = paths(train, test) + ", features: arr, label: y, imageShape: [1, 1, 3]";
    assertContains(badInput(data(block)), "data.spark.features: column \"arr\" has values that are not whole"
        + " numbers in 0..255 in 22 of 30 rows of parquet path " + train + " (e.g. 0.25), but data.spark.imageShape"
        + " says they are pixels");
    List<Row> pixels = new java.util.ArrayList<>();
    for (int i = 0; i < TRAIN_ROWS; i++) {
      pixels.add(org.apache.spark.sql.RowFactory.create(List.of(0.0, 128.0, 255.0), SparkFixture.label(i)));
    }
    org.apache.spark.sql.types.StructType schema = frame(spark, List.of()).select("arr", "y").schema();
    String images = write(spark.createDataFrame(pixels, schema), "parquet", "images");
    Dataset loaded = load(data(paths(images, images) + ", features: arr, label: y, imageShape: [1, 1, 3]")).train();
    assertTrue(loaded.isByteFeatures());
    assertArrayEquals(new int[] {1, 1, 3}, loaded.featureShape());
    assertEquals(255f, loaded.rawFeature(0, 2));
    assertContains(badInput(data(paths(images, images) + ", features: arr, label: y, imageShape: [1, 2, 2]")),
        "data.spark.imageShape: [1, 2, 2] makes 4 features, but the rows of parquet path " + images + " have 3");
  }
}
