package io.troupe.driver.data;

import static io.troupe.driver.data.SparkFixture.TEST_ROWS;
import static io.troupe.driver.data.SparkFixture.TRAIN_ROWS;
import static io.troupe.driver.data.SparkFixture.data;
import static io.troupe.driver.data.SparkFixture.frame;
import static io.troupe.driver.data.SparkFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.DataSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad spark data is bad input (InvalidInputException, exit 2): each message names the config
 * field, the column, the path or table and, for bad values, how many rows. The expected text is
 * the user-facing contract, so it is spelled out here.
 */
class SparkDataBadInputTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static String train;
  private static String test;

  @BeforeAll
  static void start() {
    spark = SparkFixture.start(dir);
    train = write(rows(0, TRAIN_ROWS), "train");
    test = write(rows(TRAIN_ROWS, TEST_ROWS), "test");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static String write(List<Row> rows, String name) {
    String path = dir.resolve(name + "-" + System.nanoTime()).toString();
    frame(spark, rows).coalesce(1).write().parquet(path);
    return path;
  }

  /** The fixture's training rows with row {@code i} (for each i in {@code at}) replaced by {@code edit}. */
  private static String trainWith(UnaryOperator<Object[]> edit, int... at) {
    List<Row> rows = new ArrayList<>(rows(0, TRAIN_ROWS));
    for (int i : at) {
      Object[] values = new Object[rows.get(i).size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = rows.get(i).get(c);
      }
      rows.set(i, RowFactory.create(edit.apply(values)));
    }
    return write(rows, "edited");
  }

  private static Object[] set(Object[] row, int column, Object value) {
    row[column] = value;
    return row;
  }

  private static String problem(String block, String... overrides) {
    DataSpec data = data(block, overrides);
    return assertThrows(InvalidInputException.class, () -> SparkDataLoader.load(spark, data)).getMessage();
  }

  private static String paths(String trainPath) {
    return "path: '" + trainPath + "', test: {path: '" + test + "'}";
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected \"" + part + "\" in:\n" + message);
    }
  }

  @Test
  void aMissingColumnListsTheColumnsThatExist() {
    assertContains(problem(paths(train) + ", features: [x0, x9], label: y"),
        "data.spark.features: no column \"x9\" in parquet path " + train
            + "; its columns: x0, x1, x2, arr, vec, y, target, note");
    assertContains(problem(paths(train) + ", features: arr, label: class"),
        "data.spark.label: no column \"class\" in parquet path " + train);
  }

  @Test
  void aColumnOfTheWrongTypeIsNamedWithItsType() {
    assertContains(problem(paths(train) + ", features: note, label: y"), "data.spark.features: column \"note\" in"
        + " parquet path " + train + " is string, expected a number, an array of numbers or a Spark ML vector");
    assertContains(problem(paths(train) + ", features: [x0, note], label: y"),
        "data.spark.features: column \"note\" in parquet path " + train + " is string, expected a number");
    assertContains(problem(paths(train) + ", features: [vec, x0], label: y"),
        "data.spark.features: column \"vec\" in parquet path " + train
            + " is vector: a vector or array column must be the only feature column");
    assertContains(problem(paths(train) + ", features: arr, label: note"),
        "data.spark.label: column \"note\" in parquet path " + train + " is string, expected a number");
  }

  @Test
  void nullsAreCountedPerColumn() {
    String labels = trainWith(r -> set(r, 5, null), 3, 4);
    assertContains(problem(paths(labels) + ", features: arr, label: y"),
        "data.spark.label: column \"y\" is null in 2 of 30 rows of parquet path " + labels);
    String columns = trainWith(r -> set(set(r, 1, null), 2, r[0].equals(0.0) ? null : r[2]), 0, 7);
    assertContains(problem(paths(columns) + ", features: [x0, x1, x2], label: y"),
        "data.spark.features: nulls in 2 of 30 rows of parquet path " + columns
            + ": column \"x1\" in 2 rows, column \"x2\" in 1 row");
    String arrays = trainWith(r -> set(r, 3, null), 9);
    assertContains(problem(paths(arrays) + ", features: arr, label: y"),
        "data.spark.features: column \"arr\" is null in 1 of 30 rows of parquet path " + arrays);
    String elements = trainWith(r -> set(r, 3, Arrays.asList(1.0, null, 2.0)), 9, 10);
    assertContains(problem(paths(elements) + ", features: arr, label: y"),
        "data.spark.features: column \"arr\" holds arrays with null elements in 2 of 30 rows of parquet path "
            + elements);
  }

  @Test
  void arraysOfUnequalLengthSayWhichLengths() {
    String ragged = trainWith(r -> set(r, 3, r[0].equals(0.0) ? List.of(1.0, 2.0) : List.of(1.0, 2.0, 3.0, 4.0)), 0, 1);
    assertContains(problem(paths(ragged) + ", features: arr, label: y"),
        "data.spark.features: column \"arr\" in parquet path " + ragged + " holds rows of different lengths:"
            + " 3 in 28 rows, 2 in 1 row, 4 in 1 row; every row needs the same number of features");
    String shortTest = write(rows(TRAIN_ROWS, TEST_ROWS).stream()
        .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), List.of(1.0, 2.0), r.get(4), r.get(5), r.get(6),
            r.get(7))).toList(), "short");
    assertContains(problem("path: '" + train + "', test: {path: '" + shortTest + "'}, features: arr, label: y"),
        "data.spark.test: parquet path " + shortTest + " has 2 features a row, but the training data (parquet path "
            + train + ") has 3");
  }

  @Test
  void labelsOutOfRangeAreCountedWithAnExample() {
    String negative = trainWith(r -> set(r, 5, -1), 4);
    assertContains(problem(paths(negative) + ", features: arr, label: y"), "data.spark.label: column \"y\" has"
        + " negative labels in 1 of 30 rows of parquet path " + negative + " (the smallest is -1); class labels must be 0..K-1");
    // target is 2i: whole numbers, but up to 58 with only 30 rows, so not class indices 0..K-1
    assertContains(problem(paths(train) + ", features: arr, label: target"), "data.spark.label: column"
        + " \"target\"", "has labels up to 58 in parquet path " + train + ", more classes than its 30 rows");
    assertContains(problem(paths(train) + ", features: [x1, x2], label: x0"), "data.spark.label: column \"x0\""
        + " has labels that are not whole numbers in 22 of 30 rows of parquet path " + train
        + " (e.g. 0.25); class labels must be 0..K-1 (for a real-valued target set data.task: regression)");
    assertContains(problem(paths(train) + ", features: arr, label: y, classes: 2"), "data.spark.label: column \"y\""
        + " has labels >= 2 in 10 of 30 rows of parquet path " + train + " (the largest is 2), but data.spark.classes is 2");
    String unseen = write(rows(TRAIN_ROWS, TEST_ROWS).stream()
        .map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.getInt(5) + 1, r.get(6),
            r.get(7))).toList(), "unseen");
    assertContains(problem("path: '" + train + "', test: {path: '" + unseen + "'}, features: arr, label: y"),
        "data.spark.label: column \"y\" has labels >= 3 in 3 of 9 rows of parquet path " + unseen
            + " (the largest is 3), but the training labels make 3 classes (0..2)");
  }

  @Test
  void aPathOrFormatThatDoesNotExistIsNamed() {
    String missing = dir.resolve("no-such-dir").toString();
    assertContains(problem(paths(missing) + ", features: arr, label: y"),
        "data.spark.path: parquet path " + missing + " does not exist");
    assertContains(problem("path: '" + train + "', test: {path: '" + missing + "'}, features: arr, label: y"),
        "data.spark.test.path: parquet path " + missing + " does not exist");
    assertContains(problem(paths(train) + ", format: nosuch, features: arr, label: y"),
        "data.spark.format: no Spark data source \"nosuch\" on the classpath");
    String empty = write(List.of(), "empty");
    assertContains(problem(paths(empty) + ", features: arr, label: y"),
        "data.spark.path: parquet path " + empty + " holds no rows");
  }

  @Test
  void theSizeLimitIsCheckedOnCountedRowsBeforeAnyRowIsCollected() throws Exception {
    List<String> stages = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        job.stageInfos().foreach(s -> stages.add(s.name()));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      // 39 rows x 3 features x 4 bytes = 468 bytes
      assertContains(problem(paths(train) + ", features: arr, label: y, maxBytes: 467"),
          "data.spark.maxBytes: the data would take 468 bytes in memory (train 30 + test 9 rows x 3 features x 4"
              + " bytes), above the limit of 467 bytes", "Raise data.spark.maxBytes", "read fewer rows or columns");
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertFalse(stages.isEmpty(), "the rows were counted");
      assertTrue(stages.stream().noneMatch(s -> s.contains("RowCollector")), "nothing was collected: " + stages);
      // Control: at the limit the same data loads, through RowCollector.
      assertEquals(30, SparkDataLoader.load(spark, data(paths(train) + ", features: arr, label: y, maxBytes: 468"))
          .train().size());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertTrue(stages.stream().anyMatch(s -> s.contains("RowCollector")), "collected: " + stages);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
