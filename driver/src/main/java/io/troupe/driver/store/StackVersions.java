package io.troupe.driver.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions a run's manifest records: Troupe and its commit, Spark, DL4J, ND4J and Java. */
public final class StackVersions {
  private static final Properties BUILD = load();

  private StackVersions() {}

  /** The versions in this JVM. */
  public static Map<String, String> of() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("troupe", build("troupe.version"));
    v.put("troupeCommit", build("git.commit") + ("true".equals(build("git.dirty")) ? "-dirty" : ""));
    v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    v.put("dl4j", build("dl4j.version"));
    v.put("nd4j", build("dl4j.version")); // released together, one version
    v.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    return v;
  }

  private static String build(String key) {
    String value = BUILD.getProperty(key, "unknown");
    return value.startsWith("${") ? "unknown" : value; // not filled in: built outside a git clone
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = StackVersions.class.getResourceAsStream("/troupe-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // The manifest then says "unknown"; never worth failing a run over.
    }
    return p;
  }
}
