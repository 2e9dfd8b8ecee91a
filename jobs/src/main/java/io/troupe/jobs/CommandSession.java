package io.troupe.jobs;

import io.troupe.config.ExperimentSpec;
import io.troupe.driver.api.Troupe;
import io.troupe.driver.spark.SparkSessions;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * A command's own Spark session: started the first time it is asked for, stopped at close. The API
 * asks only once a run is open or a spark source must be read, so a refused run, or a train on files,
 * starts no Spark.
 */
final class CommandSession implements Supplier<SparkSession>, AutoCloseable {
  private final SparkConf conf;
  private SparkSession spark;

  private CommandSession(SparkConf conf) {
    this.conf = conf;
  }

  /** The session {@code spec} runs on: --master, else the config's, else spark-submit's, else local Spark. */
  static CommandSession of(ExperimentSpec spec, String master) {
    return new CommandSession(SparkSessions.conf(spec, master));
  }

  /** The API over this session, with progress and notes on {@code err}. */
  Troupe troupe(PrintStream err) {
    return Troupe.onDemand(conf, this).reportingTo(err);
  }

  @Override
  public synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSessions.start(conf);
    }
    return spark;
  }

  @Override
  public synchronized void close() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }
}
