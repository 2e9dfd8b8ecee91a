package io.troupe.driver.data;

import io.troupe.config.DataSource;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSize;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * An experiment's data, split as every trial sees it, whatever its source: files (and synthetic
 * data) are read in this JVM, {@code data.source: spark} through a SparkSession, so on a cluster
 * the executors read it. Bad data throws {@link io.troupe.InvalidInputException} naming the field
 * and the file, column or table.
 */
public final class ExperimentData {
  private ExperimentData() {}

  /** Whether {@code spec}'s data is read through Spark (data.source: spark). */
  public static boolean readsSpark(ExperimentSpec spec) {
    return spec.data().source() == DataSource.SPARK;
  }

  /**
   * The data of {@code spec}: from files without asking for a session, else through the session
   * {@code spark} supplies (it is asked only then); a spark source's size goes to {@code progress}.
   */
  public static DataSplits load(ExperimentSpec spec, Supplier<SparkSession> spark, PrintStream progress) {
    return readsSpark(spec) ? throughSpark(spec, spark.get(), progress) : fromFiles(spec);
  }

  /** Data from files or generated (any source but spark). */
  public static DataSplits fromFiles(ExperimentSpec spec) {
    return DataLoader.load(spec.data(), spec.dataSeed());
  }

  /**
   * A spark source read through {@code spark} and split. Executors hold a copy of the splits, so
   * their size is said to {@code progress} where the data is read. A data-parallel config's
   * training rows stay partitioned across the executors instead ({@link PartitionedSplits}).
   */
  public static DataSplits throughSpark(ExperimentSpec spec, SparkSession spark, PrintStream progress) {
    long start = System.nanoTime();
    boolean partitioned = spec.train().distributed().enabled();
    DataSplits splits = partitioned ? PartitionedSplits.load(spark, spec)
        : DataLoader.split(SparkDataLoader.load(spark, spec.data()), spec.data(), spec.dataSeed());
    String held = DataSize.of(splits).describe();
    progress.printf("troupe: data.spark: read %s and %s in %.1f s; %s%n",
        spec.data().spark().train().describe(), spec.data().spark().test().describe(),
        (System.nanoTime() - start) / 1e9, partitioned
            ? "its " + splits.trainRows() + " training rows stay on the executors, split among "
                + splits.partitioned().workers() + " workers; the driver holds " + held
            : "every executor holds " + held);
    return splits;
  }
}
