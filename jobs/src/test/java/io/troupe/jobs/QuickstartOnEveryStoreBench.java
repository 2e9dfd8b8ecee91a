package io.troupe.jobs;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.testing.SharedHdfs;
import io.troupe.driver.testing.SharedS3;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * An acceptance check run by hand, not a test (its name keeps it out of the suite):
 * {@code deploy/bench/quickstart-stores.sh} runs the quickstart {@code compare} (conf/quickstart.yaml,
 * real Fashion-MNIST, local Spark) with --out on local disk, on a real HDFS (in-process MiniDFSCluster)
 * and on a real S3 API (S3Proxy on loopback, through s3a), and prints whether the three comparison
 * tables are identical, with each run's wall time.
 */
class QuickstartOnEveryStoreBench {
  @Test
  void compareTheQuickstartTables() throws Exception {
    Configuration hadoop = SharedHdfs.get().configuration();
    SharedS3.get().hadoopSettings().forEach(hadoop::set);
    // The CLI in this JVM reads spark.hadoop.* from system properties, as spark-submit passes them.
    SharedHdfs.get().sparkSettings().forEach(System::setProperty);
    SharedS3.get().sparkSettings().forEach(System::setProperty);
    Map<String, String> outs = new LinkedHashMap<>();
    outs.put("local", Files.createTempDirectory("quickstart-local").toString());
    outs.put("hdfs", SharedHdfs.get().path("quickstart").toString());
    outs.put("s3a", SharedS3.get().path("quickstart").toString());
    Map<String, String> tables = new LinkedHashMap<>();
    String config = ProjectRoot.get().resolve("conf/quickstart.yaml").toString();
    for (Map.Entry<String, String> out : outs.entrySet()) {
      long start = System.nanoTime();
      CliRun run = CliRun.of("compare", config, "--out", out.getValue(), "--master", "local[2]");
      double seconds = (System.nanoTime() - start) / 1e9;
      if (run.code() != 0) {
        throw new AssertionError("compare --out " + out.getValue() + " exited " + run.code() + ":\n" + run.err());
      }
      ArtifactStore ensembles = RunStores.open(out.getValue() + "/quickstart/ensembles", hadoop);
      try (InputStream in = ensembles.open("comparison.csv")) {
        tables.put(out.getKey(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      System.out.printf("quickstart compare --out %s: %.0f s%n", out.getValue(), seconds);
    }
    System.out.print("comparison.csv (local):\n" + tables.get("local"));
    for (String fs : new String[] {"hdfs", "s3a"}) {
      System.out.println("comparison.csv on " + fs + " identical to local disk's: " + tables.get(fs).equals(tables.get("local")));
    }
    if (!tables.get("hdfs").equals(tables.get("local")) || !tables.get("s3a").equals(tables.get("local"))) {
      throw new AssertionError("the tables differ:\n" + tables);
    }
  }
}
