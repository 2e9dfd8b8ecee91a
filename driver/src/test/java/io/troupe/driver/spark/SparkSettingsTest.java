package io.troupe.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.model.NativeBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {
  private static ExperimentSpec spec(String yaml, String... sets) {
    return ConfigLoader.parse(yaml, "t.yaml", "t", List.of(sets));
  }

  @Test
  void embeddedLocalSparkIsTheDefault() {
    Map<String, String> conf = SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty());
    assertEquals("local[*]", conf.get("spark.master"));
    assertEquals("troupe t", conf.get("spark.app.name"));
  }

  @Test
  void masterPrecedenceIsCliThenConfigThenSubmitted() {
    Map<String, String> submitted = Map.of("spark.master", "spark://submitted:7077");
    assertEquals("spark://submitted:7077", SparkSettings.of(spec("{}"), null, submitted, Optional.empty()).get("spark.master"));
    ExperimentSpec withMaster = spec("spark: {master: 'spark://config:7077'}");
    assertEquals("spark://config:7077", SparkSettings.of(withMaster, null, submitted, Optional.empty()).get("spark.master"));
    assertEquals("local[2]", SparkSettings.of(withMaster, "local[2]", submitted, Optional.empty()).get("spark.master"));
  }

  @Test
  void threadsPerTaskFollowTaskCpus() {
    Map<String, String> conf = SparkSettings.of(spec("spark: {taskCpus: 2}"), null, Map.of(), Optional.empty());
    assertEquals("2", conf.get("spark.task.cpus"));
    assertEquals("2", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("1", SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.executorEnv.OMP_NUM_THREADS"));
  }

  @Test
  void executorsGetTheJava17OpensWithoutLosingTheUsersOptions() {
    Map<String, String> conf = SparkSettings.of(spec("{}"), null,
        Map.of("spark.executor.extraJavaOptions", "-XX:+UseParallelGC"), Optional.empty());
    String options = conf.get("spark.executor.extraJavaOptions");
    assertTrue(options.startsWith("-XX:+UseParallelGC "), options);
    for (String flag : JavaModuleOpens.flags()) {
      assertTrue(options.contains(flag), flag);
    }
  }

  @Test
  void executorsRunTheThroughputCollectorUnlessTheUserChoseOne() {
    String ours = SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.executor.extraJavaOptions");
    assertTrue(ours.endsWith(" " + SparkSettings.TRIAL_GC), ours);
    assertTrue(ours.contains(" " + SparkSettings.TRIAL_MODULES + " "), ours);
    String theirs = SparkSettings.of(spec("{}"), null, Map.of("spark.executor.extraJavaOptions", "-Xmx8g -XX:+UseZGC"),
        Optional.empty()).get("spark.executor.extraJavaOptions");
    assertTrue(theirs.startsWith("-Xmx8g -XX:+UseZGC "), theirs);
    assertTrue(theirs.contains(SparkSettings.TRIAL_MODULES), theirs);
    assertFalse(theirs.contains("UseParallelGC"), "two collectors would stop the JVM from starting: " + theirs);
  }

  @Test
  void executorsLoadNd4jsOneDnnBuildUnlessTheUserNamedAnother() {
    String ours = SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.executor.extraJavaOptions");
    assertTrue(ours.contains(NativeBackend.JVM_OPTION), ours);
    String theirs = SparkSettings.of(spec("{}"), null,
        Map.of("spark.executor.extraJavaOptions", "-D" + NativeBackend.EXTENSION_PROPERTY + "=-avx2"),
        Optional.empty()).get("spark.executor.extraJavaOptions");
    assertFalse(theirs.contains(NativeBackend.JVM_OPTION), theirs);
  }

  @Test
  void executorsMultiplyAsTheDriverWasToldTo() {
    String byDefault = SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.executor.extraJavaOptions");
    assertFalse(byDefault.contains(NativeBackend.ONEDNN_GEMM), byDefault);
    System.setProperty(NativeBackend.ONEDNN_GEMM, "false");
    try {
      String off = SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.executor.extraJavaOptions");
      assertTrue(off.contains("-D" + NativeBackend.ONEDNN_GEMM + "=false"), off);
      String theirs = SparkSettings.of(spec("{}"), null,
          Map.of("spark.executor.extraJavaOptions", "-D" + NativeBackend.ONEDNN_GEMM + "=true"),
          Optional.empty()).get("spark.executor.extraJavaOptions");
      assertFalse(theirs.contains(NativeBackend.ONEDNN_GEMM + "=false"), theirs);
    } finally {
      System.clearProperty(NativeBackend.ONEDNN_GEMM);
    }
  }

  @Test
  void sparkProgressBarIsOffByDefault() {
    assertEquals("false", SparkSettings.of(spec("{}"), null, Map.of(), Optional.empty()).get("spark.ui.showConsoleProgress"));
  }

  @Test
  void applicationJarShipsOnlyToClusters() {
    Optional<String> jar = Optional.of("/x/troupe-app.jar");
    assertFalse(SparkSettings.of(spec("{}"), null, Map.of(), jar).containsKey("spark.jars"));
    assertEquals("/x/troupe-app.jar",
        SparkSettings.of(spec("{}"), "spark://h:7077", Map.of(), jar).get("spark.jars"));
    assertEquals("/x/troupe-app.jar",
        SparkSettings.of(spec("{}"), "spark://h:7077", Map.of("spark.jars", "/x/troupe-app.jar"), jar).get("spark.jars"));
  }

  @Test
  void configSparkConfWinsOverTroupesDefaults() {
    Map<String, String> conf = SparkSettings.of(
        spec("{}", "spark.conf.spark.ui.showConsoleProgress=true", "spark.conf.spark.executor.memory=4g"),
        null, Map.of(), Optional.empty());
    assertEquals("true", conf.get("spark.ui.showConsoleProgress"));
    assertEquals("4g", conf.get("spark.executor.memory"));
  }
}
