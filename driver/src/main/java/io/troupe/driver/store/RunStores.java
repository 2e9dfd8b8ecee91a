package io.troupe.driver.store;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.ContainedPath;
import io.troupe.artifacts.LocalArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * Locations of results: a plain path (or {@code file:} URI) is a local directory, kept on
 * {@link LocalArtifactStore} as before; any other URI ({@code hdfs://}, {@code s3a://}, ...) goes
 * through Hadoop's {@link org.apache.hadoop.fs.FileSystem} with the Spark application's Hadoop
 * settings ({@code spark.hadoop.*}, the cluster's core-site.xml, the standard credential providers).
 * A location is a string so that it crosses to executors as it is.
 */
public final class RunStores {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  private static final String SPARK_HADOOP = "spark.hadoop.";
  /** One store per location per executor JVM: building a Hadoop Configuration costs milliseconds. */
  private static final Map<String, ArtifactStore> ON_EXECUTOR = new ConcurrentHashMap<>();

  private RunStores() {}

  /**
   * The location as executors and messages should see it: a local path made absolute and
   * normalized (executors do not share the driver's working directory), a URI as given less any
   * trailing '/'. A URI that carries credentials ({@code s3a://key:secret@bucket}) is refused.
   */
  public static String normalize(String location) {
    if (location == null || location.isBlank()) {
      throw new InvalidInputException("--out: empty; expected a directory or a URI such as hdfs://namenode/runs");
    }
    if (isLocal(location)) {
      return localPath(location).toString();
    }
    URI uri = uri(location);
    if (uri.getRawUserInfo() != null) {
      throw new InvalidInputException("--out: " + uri.getScheme() + "://...@" + uri.getHost()
          + " carries credentials in the URI; give them through spark.hadoop.* settings or the standard providers"
          + " (e.g. AWS_ACCESS_KEY_ID) so they never land in results or logs");
    }
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  /** True for a plain path or a {@code file:} URI. */
  public static boolean isLocal(String location) {
    return !SCHEME.matcher(location).matches() || location.startsWith("file:");
  }

  /**
   * {@code location/name} for a name from input (an experiment name): refused, as bad input naming
   * {@code what}, if it is not one plain segment inside the location.
   */
  public static String child(String location, String name, String what) {
    if (isLocal(location)) {
      return ContainedPath.resolve(localPath(location), name, what).toString();
    }
    if (name == null || name.isBlank() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new InvalidInputException(what + ": \"" + name + "\" does not name one directory inside " + location
          + "; expected a plain name such as \"fashion-mlp\"");
    }
    return location + "/" + name;
  }

  /** The store at {@code location}, with {@code conf} for any Hadoop file system. */
  public static ArtifactStore open(String location, Configuration conf) {
    if (isLocal(location)) {
      return new LocalArtifactStore(localPath(location));
    }
    try {
      return new HadoopArtifactStore(uri(location), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + location + ": " + e.getMessage(), e);
    }
  }

  /** The store at {@code location} inside a Spark task, configured from the executor's SparkConf. */
  public static ArtifactStore onExecutor(String location) {
    return ON_EXECUTOR.computeIfAbsent(location, l -> open(l, isLocal(l) ? null : hadoopConf(SparkEnv.get().conf())));
  }

  /** Hadoop settings as Spark derives them: a default Configuration plus every spark.hadoop.* entry. */
  public static Configuration hadoopConf(SparkConf sparkConf) {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> entry : sparkConf.getAll()) {
      if (entry._1().startsWith(SPARK_HADOOP)) {
        conf.set(entry._1().substring(SPARK_HADOOP.length()), entry._2());
      }
    }
    return conf;
  }

  private static Path localPath(String location) {
    if (!location.startsWith("file:")) {
      return Path.of(location).toAbsolutePath().normalize();
    }
    try {
      return Path.of(uri(location)).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--out: \"" + location + "\" is not a local file URI (" + e.getMessage()
          + "); expected e.g. file:///data/runs", e);
    }
  }

  private static URI uri(String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new InvalidInputException("--out: \"" + location + "\" is not a valid URI: " + e.getReason(), e);
    }
    if (!location.startsWith("file:") && uri.getAuthority() == null) {
      throw new InvalidInputException("--out: \"" + location + "\" has no authority (bucket or namenode); expected"
          + " e.g. hdfs://namenode:8020/runs or s3a://bucket/runs");
    }
    return uri;
  }
}
