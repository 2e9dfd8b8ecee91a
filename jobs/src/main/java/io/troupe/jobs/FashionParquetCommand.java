package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.data.Dataset;
import io.troupe.data.FashionMnist;
import io.troupe.data.SourceData;
import io.troupe.driver.data.DatasetFrames;
import io.troupe.driver.spark.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Writes Fashion-MNIST, read from its IDX files by {@link FashionMnist}, as Parquet for
 * data.source spark: {@code <out>/fashion-mnist-parquet/train} and {@code test}, each one file in
 * the IDX order with columns {@code features} (array of 784 floats, pixels 0..255) and {@code label}
 * (int). conf/examples/fashion-mlp-parquet.yaml reads it back as the same Dataset as the IDX source.
 */
final class FashionParquetCommand implements Command {
  static final String DIR = "fashion-mnist-parquet";

  @Override
  public String name() {
    return "fashion-parquet";
  }

  @Override
  public String summary() {
    return "write Fashion-MNIST ([IDX_DIR], default Debian's) as Parquet to <out>/" + DIR + "/{train,test}";
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) {
    if (args.configs().size() > 1) {
      throw new InvalidInputException("fashion-parquet: expected at most one Fashion-MNIST IDX directory, got "
          + args.configs().size());
    }
    Path idx = args.configs().isEmpty() ? FashionMnist.DEFAULT_DIR : args.configs().get(0);
    Path target = args.out().resolve(DIR);
    for (String part : List.of("train", "test")) {
      if (Files.exists(target.resolve(part))) {
        throw new InvalidInputException(target.resolve(part) + " exists; choose another --out (nothing was written)");
      }
    }
    SourceData data = FashionMnist.load(idx);
    // The session every command starts, with the defaults and any --set spark.* given.
    SparkSession spark = SparkSessions.start(ConfigLoader.parse("{}", "(defaults)", name(), args.sets()), args.master());
    try {
      write(spark, data.train(), target.resolve("train"));
      write(spark, data.test(), target.resolve("test"));
    } finally {
      spark.stop();
    }
    out.printf("wrote %s: train (%d rows) and test (%d rows) with columns features (array<float>, %d pixels"
        + " 0..255) and label (int)%n", target, data.train().size(), data.test().size(), data.train().numFeatures());
    return TroupeMain.OK;
  }

  private static void write(SparkSession spark, Dataset data, Path dir) {
    // A file: URI, so a cluster's default file system (HDFS) does not take the local --out.
    DatasetFrames.of(spark, data).write().parquet(dir.toAbsolutePath().toUri().toString());
  }
}
