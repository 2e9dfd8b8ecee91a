package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.FashionMnist;
import io.troupe.data.SourceData;
import io.troupe.driver.data.SparkDataLoader;
import io.troupe.driver.spark.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST through Parquet: {@code fashion-parquet} writes the IDX files as Parquet, and the
 * shipped conf/examples/fashion-mlp-parquet.yaml reads that copy back as the same data as
 * conf/examples/fashion-mlp.yaml reads from IDX: the same splits and the same fingerprint, so the
 * same rows, labels and pixels. Prints how long each read takes. About half a minute on 2 cores.
 */
class FashionMnistParquetIT {
  private static final Pattern DATA_LINE = Pattern.compile("data {6}(\\S+): (.*fingerprint sha256:[0-9a-f]+)");

  @Test
  void theParquetCopyLoadsAsTheSameDataAsTheIdxFiles(@TempDir Path dir) {
    long start = System.nanoTime();
    CliRun export = CliRun.of("fashion-parquet", "--out", dir.toString(), "--master", "local[2]");
    double exportSeconds = seconds(start);
    assertEquals(0, export.code(), export.err());
    Path copy = dir.resolve(FashionParquetCommand.DIR);
    Path examples = ProjectRoot.get().resolve("conf/examples");
    List<String> toCopy = List.of("data.spark.path=" + copy.resolve("train"), "data.spark.test.path=" + copy.resolve("test"));

    CliRun parquet = CliRun.of("validate", examples.resolve("fashion-mlp-parquet.yaml").toString(),
        "--set", toCopy.get(0), "--set", toCopy.get(1), "--master", "local[2]");
    assertEquals(0, parquet.code(), parquet.err());
    CliRun idx = CliRun.of("validate", examples.resolve("fashion-mlp.yaml").toString());
    assertEquals(0, idx.code(), idx.err());
    assertEquals("spark", dataLine(parquet.out()).group(1));
    assertEquals(dataLine(idx.out()).group(2), dataLine(parquet.out()).group(2), "splits, features and fingerprint");

    // The same once more directly, each read timed on its own (the session already started).
    start = System.nanoTime();
    SourceData fromIdx = FashionMnist.load(FashionMnist.DEFAULT_DIR);
    double idxSeconds = seconds(start);
    ExperimentSpec spec = ConfigLoader.load(examples.resolve("fashion-mlp-parquet.yaml"), toCopy);
    SparkSession spark = SparkSessions.start(spec, "local[2]");
    try {
      start = System.nanoTime();
      SourceData fromParquet = SparkDataLoader.load(spark, spec.data());
      double parquetSeconds = seconds(start);
      assertEquals(fromIdx.train().fingerprint(), fromParquet.train().fingerprint(), "training set");
      assertEquals(fromIdx.test().fingerprint(), fromParquet.test().fingerprint(), "test set");
      assertTrue(fromParquet.train().isByteFeatures(), "pixels stay bytes");
      System.out.printf("Fashion-MNIST: export to Parquet %.1f s (with session start); read IDX %.2f s, read Parquet"
          + " through Spark %.2f s (local[2], session already up)%n", exportSeconds, idxSeconds, parquetSeconds);
    } finally {
      spark.stop();
    }
  }

  private static Matcher dataLine(String validateOutput) {
    Matcher m = DATA_LINE.matcher(validateOutput);
    assertTrue(m.find(), validateOutput);
    return m;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
