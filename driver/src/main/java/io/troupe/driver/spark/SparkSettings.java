package io.troupe.driver.spark;

import io.troupe.config.ExperimentSpec;
import io.troupe.model.NativeBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark settings for an experiment, before any session exists (so they are unit-testable).
 * Master precedence: --master, then spark.master in the config, then whatever spark-submit set,
 * then embedded {@code local[*]}. The config's spark.conf entries are applied last and win.
 */
public final class SparkSettings {
  public static final String LOCAL_DEFAULT = "local[*]";
  /**
   * The collector trial JVMs run with unless the submitted options pick one. ND4J frees native
   * memory through GC-tracked references, so training churns short-lived objects; G1's concurrent
   * threads then take CPU from the trials beside them. The throughput collector has none: 8 equal
   * trials on 2 slots finished about 10% sooner with it (docs/benchmarks.md).
   */
  public static final String TRIAL_GC = "-XX:+UseParallelGC";
  /** Lets trials run Adam in SIMD lanes (VectorizedAdam); without it they run DL4J's scalar Adam. */
  public static final String TRIAL_MODULES = "--add-modules=jdk.incubator.vector";

  private SparkSettings() {}

  /**
   * @param cliMaster the --master value, or null
   * @param submitted what spark-submit (or the environment) already set, e.g. spark.master, spark.jars
   * @param appJar the application jar, shipped to executors on a cluster
   */
  public static Map<String, String> of(ExperimentSpec spec, String cliMaster, Map<String, String> submitted,
      Optional<String> appJar) {
    Map<String, String> conf = new LinkedHashMap<>();
    String master = cliMaster != null ? cliMaster
        : spec.spark().master() != null ? spec.spark().master()
        : submitted.getOrDefault("spark.master", LOCAL_DEFAULT);
    conf.put("spark.master", master);
    conf.put("spark.app.name", "troupe " + spec.name());
    int cpus = spec.spark().taskCpus();
    conf.put("spark.task.cpus", Integer.toString(cpus));
    // One trial per task; its ND4J/OpenMP pool must not oversubscribe the task's cores (2 threads on
    // 2 cores trained 3x slower than 1 in our measurements).
    conf.put("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(cpus));
    conf.put("spark.executor.extraJavaOptions",
        trialJvmOptions(join(submitted.get("spark.executor.extraJavaOptions"), JavaModuleOpens.asJavaOptions())));
    conf.put("spark.driver.extraJavaOptions",
        join(submitted.get("spark.driver.extraJavaOptions"), JavaModuleOpens.asJavaOptions()));
    conf.put("spark.ui.showConsoleProgress", Boolean.toString(spec.spark().progressBar()));
    if (!isLocal(master) && appJar.isPresent()) {
      conf.put("spark.jars", join(submitted.get("spark.jars"), appJar.get(), ","));
    }
    conf.putAll(spec.spark().conf());
    return conf;
  }

  /**
   * {@code options} plus {@link #TRIAL_MODULES}, ND4J's oneDNN library ({@link NativeBackend#JVM_OPTION})
   * unless they name a platform extension, the driver's choice of dense products
   * ({@link NativeBackend#ONEDNN_GEMM}, so every trial computes alike) unless they make one, and
   * {@link #TRIAL_GC} unless they already choose a collector.
   */
  static String trialJvmOptions(String options) {
    String withModules = options.contains(TRIAL_MODULES) ? options : options + " " + TRIAL_MODULES;
    String withNatives = options.contains(NativeBackend.EXTENSION_PROPERTY) ? withModules
        : withModules + " " + NativeBackend.JVM_OPTION;
    String gemm = System.getProperty(NativeBackend.ONEDNN_GEMM);
    if (gemm != null && !options.contains(NativeBackend.ONEDNN_GEMM)) {
      withNatives += " -D" + NativeBackend.ONEDNN_GEMM + "=" + gemm;
    }
    return options.matches("(?s).*-XX:\\+Use\\w+GC\\b.*") ? withNatives : withNatives + " " + TRIAL_GC;
  }

  public static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[") || master.startsWith("local-cluster[");
  }

  private static String join(String existing, String added) {
    return join(existing, added, " ");
  }

  private static String join(String existing, String added, String separator) {
    if (existing == null || existing.isBlank()) {
      return added;
    }
    return existing.contains(added) ? existing : existing + separator + added;
  }
}
