package io.troupe.trial;

import io.troupe.model.NativeBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Reads this JVM's provenance: ND4J backend and device, library and JVM versions, host. */
public final class ProvenanceReader {
  private static final Properties BUILD = buildProperties();

  private ProvenanceReader() {}

  public static Provenance read(String dataFingerprint) {
    boolean cpu = Nd4j.getEnvironment().isCPU();
    String device = cpu ? "cpu" : "cuda:" + Nd4j.getAffinityManager().getDeviceForCurrentThread();
    return new Provenance(Nd4j.getBackend().getClass().getSimpleName(), device, threads(),
        "troupe " + BUILD.getProperty("troupe.version", "?") + ", dl4j/nd4j " + BUILD.getProperty("dl4j.version", "?")
            + " (" + NativeBackend.describe() + ")",
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"), host(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"), dataFingerprint);
  }

  private static int threads() {
    String omp = System.getenv("OMP_NUM_THREADS");
    try {
      return omp != null ? Integer.parseInt(omp.trim()) : Nd4j.getEnvironment().maxThreads();
    } catch (NumberFormatException e) {
      return Nd4j.getEnvironment().maxThreads();
    }
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in = ProvenanceReader.class.getResourceAsStream("/troupe-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Provenance then says "?" for versions; never worth failing a trial over.
    }
    return p;
  }
}
