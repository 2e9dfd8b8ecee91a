package io.troupe.jobs;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.data.Dataset;
import io.troupe.data.FashionMnist;
import io.troupe.data.SourceData;
import io.troupe.driver.data.DatasetFrames;
import io.troupe.driver.spark.SparkSessions;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import io.troupe.driver.store.RunStores;
import org.apache.hadoop.fs.FileSystem;
import java.util.List;
import java.util.Set;
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
  public String arguments() {
    return "[IDX_DIR]";
  }

  @Override
  public Set<CliOption> options() {
    return EnumSet.of(CliOption.OUT, CliOption.SET, CliOption.MASTER);
  }

  @Override
  public List<String> examples() {
    return List.of("troupe fashion-parquet",
        "troupe fashion-parquet /usr/share/datasets/fashion-mnist --out s3a://troupe-data");
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws IOException {
    if (args.configs().size() > 1) {
      throw new InvalidInputException("fashion-parquet: expected at most one Fashion-MNIST IDX directory, got "
          + args.configs().size());
    }
    Path idx = args.configs().isEmpty() ? FashionMnist.DEFAULT_DIR : args.configs().get(0);
    String target = RunStores.child(RunStores.normalize(args.out()), DIR, "--out");
    SourceData data = FashionMnist.load(idx);
    // The session every command starts, with the defaults and any --set spark.* given.
    SparkSession spark = SparkSessions.start(ConfigLoader.parse("{}", "(defaults)", name(), args.sets()), args.master());
    try {
      FileSystem fs = new org.apache.hadoop.fs.Path(uri(target)).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (String part : List.of("train", "test")) {
        if (fs.exists(new org.apache.hadoop.fs.Path(uri(target) + "/" + part))) {
          throw new InvalidInputException(target + "/" + part + " exists; choose another --out (nothing was written)");
        }
      }
      write(spark, data.train(), uri(target) + "/train");
      write(spark, data.test(), uri(target) + "/test");
    } finally {
      spark.stop();
    }
    out.printf("wrote %s: train (%d rows) and test (%d rows) with columns features (array<float>, %d pixels"
        + " 0..255) and label (int)%n", target, data.train().size(), data.test().size(), data.train().numFeatures());
    return TroupeMain.OK;
  }

  private static void write(SparkSession spark, Dataset data, String uri) {
    DatasetFrames.of(spark, data).write().parquet(uri);
  }

  /** A local --out as a file: URI, so a cluster's default file system (HDFS) does not take it. */
  private static String uri(String location) {
    return RunStores.isLocal(location) ? Path.of(location).toUri().toString() : location;
  }
}
