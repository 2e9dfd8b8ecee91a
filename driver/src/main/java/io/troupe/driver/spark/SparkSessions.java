package io.troupe.driver.spark;

import io.troupe.config.ExperimentSpec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** Starts the SparkSession an experiment runs on: embedded local Spark by default, or a cluster. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession start(ExperimentSpec spec, String cliMaster) {
    return start(conf(spec, cliMaster));
  }

  /**
   * The settings a session for {@code spec} will have: what was submitted, then Troupe's own. Its
   * spark.hadoop.* entries configure the run's file system before any session starts.
   */
  public static SparkConf conf(ExperimentSpec spec, String cliMaster) {
    SparkConf conf = new SparkConf(true);
    Map<String, String> submitted = new HashMap<>();
    for (Tuple2<String, String> entry : conf.getAll()) {
      submitted.put(entry._1(), entry._2());
    }
    SparkSettings.of(spec, cliMaster, submitted, applicationJar()).forEach(conf::set);
    return conf;
  }

  public static SparkSession start(SparkConf conf) {
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** The jar this code was loaded from, when it is a jar (not when running from classes/). */
  static Optional<String> applicationJar() {
    try {
      Path location = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) && location.toString().endsWith(".jar")
          ? Optional.of(location.toAbsolutePath().toString()) : Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
