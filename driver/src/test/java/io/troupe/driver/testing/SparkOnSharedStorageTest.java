package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local Spark (2 slots) on both shared stores, given their settings as {@code spark.hadoop.*}:
 * tasks write through a Configuration shipped from the driver, and Spark writes and reads Parquet.
 */
class SparkOnSharedStorageTest {
  private static SparkSession spark;

  static Stream<SharedStorage> stores() {
    return Stream.of(SharedHdfs.get(), SharedS3.get());
  }

  @BeforeAll
  static void start() {
    SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("shared-storage")
        .config("spark.ui.enabled", "false");
    stores().forEach(store -> store.sparkSettings().forEach(builder::config));
    spark = builder.getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void tasksWriteThroughAShippedConfigurationAndTheDriverReadsThemBack(SharedStorage store) throws IOException {
    String dir = store.path("tasks").toString();
    // Spark's own Serializable wrapper (public, @DeveloperApi) carries the Configuration to tasks.
    SerializableConfiguration conf = new SerializableConfiguration(store.configuration());
    List<String> written = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.of(0, 1, 2, 3), 4)
        .map(i -> {
          Path file = new Path(dir, "part-" + i);
          StorageChecks.write(file.getFileSystem(conf.value()), file, "task " + i);
          return file.getName();
        }).collect();
    assertEquals(List.of("part-0", "part-1", "part-2", "part-3"), written);
    FileSystem fs = FileSystem.get(URI.create(dir), store.configuration());
    assertEquals(written, StorageChecks.list(fs, new Path(dir)));
    assertEquals("task 2", StorageChecks.read(fs, new Path(dir, "part-2")));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void localTasksGetTheDriversCachedFileSystemSoNeitherMayCloseIt(SharedStorage store) throws IOException {
    // One JVM, one user: a task's Path.getFileSystem is the driver's FileSystem.get instance
    // (FileSystemLifecycleTest shows what closing it does).
    URI dir = store.path("cache");
    SerializableConfiguration conf = new SerializableConfiguration(store.configuration());
    int driver = System.identityHashCode(FileSystem.get(dir, store.configuration()));
    List<Integer> tasks = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.of(0, 1), 2)
        .map(i -> System.identityHashCode(new Path(dir).getFileSystem(conf.value())))
        .collect();
    assertEquals(List.of(driver, driver), tasks);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void sparkWritesAndReadsParquet(SharedStorage store) {
    String dir = store.path("parquet").toString();
    spark.range(1000).selectExpr("id", "id % 7 AS bucket").repartition(2).write().parquet(dir);
    Dataset<Row> back = spark.read().parquet(dir);
    assertEquals(1000, back.count());
    assertEquals(999L * 1000 / 2, back.selectExpr("sum(id)").first().getLong(0));
    assertEquals(7, back.select("bucket").distinct().count());
  }
}
