package io.troupe.driver.testing;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * A file store that every test in one JVM shares (an in-process HDFS, an S3 server), started on
 * first use and stopped when the JVM exits. Tests must not stop it; each takes its own
 * {@link #path} instead. Paths are full URIs: no setting makes one store the default file system.
 */
public interface SharedStorage {
  /**
   * A URI, unique in this JVM, under which nothing exists yet: one test's directory. Nothing is
   * created (S3 has no directories). {@code name} (letters, digits, '.', '_', '-') says whose it is.
   */
  URI path(String name);

  /** The Hadoop settings a client needs to reach this store, beyond the URI itself. */
  Map<String, String> hadoopSettings();

  /** A new Configuration with {@link #hadoopSettings}; the caller may change it. */
  default Configuration configuration() {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    return conf;
  }

  /**
   * {@link #hadoopSettings} as Spark settings ({@code spark.hadoop.} prefixed), for a SparkConf or
   * as {@code --conf} arguments of a CLI subprocess; Spark hands them to its tasks' Configuration.
   */
  default Map<String, String> sparkSettings() {
    Map<String, String> spark = new TreeMap<>();
    hadoopSettings().forEach((key, value) -> spark.put("spark.hadoop." + key, value));
    return spark;
  }
}
