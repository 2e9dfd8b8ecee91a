package io.troupe.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.driver.spark.ExecutorReport.Sighting;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ExecutorReportTest {
  private static Sighting on(String executor, String device, String... gpus) {
    return new Sighting(executor, "10.0.0." + executor, device.equals("cpu") ? "CpuBackend" : "JCublasBackend",
        device, 1, List.of(gpus));
  }

  @Test
  void reportsBackendAndDeviceFromATaskOnLocalSpark() {
    var spec = ConfigLoader.parse("data: {source: synthetic}\nspark: {conf: {spark.ui.enabled: \"false\"}}", "t.yaml",
        "report", List.of());
    SparkSession spark = SparkSessions.start(spec, "local[2]");
    try {
      List<String> lines = ExecutorReport.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), 1);
      // Local mode: both tasks ran in the driver, which is the only executor; no warning.
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).matches("troupe: executor driver on \\S+: CpuBackend, device cpu, \\d+ thread\\(s\\),"
          + " gpus none"), lines.get(0));
    } finally {
      spark.stop();
    }
  }

  @Test
  void oneLinePerExecutorInIdOrderWithWhatItsTasksSaw() {
    // Two tasks on executor 10 bound different GPUs: both show. Ids sort as numbers.
    List<String> lines = ExecutorReport.lines(List.of(on("10", "cuda:0", "0"), on("2", "cpu"),
        on("10", "cuda:1", "1")), 2);
    assertEquals(List.of(
        "troupe: executor 2 on 10.0.0.2: CpuBackend, device cpu, 1 thread(s), gpus none",
        "troupe: executor 10 on 10.0.0.10: JCublasBackend, device cuda:0,cuda:1, 1 thread(s), gpus 0,1"), lines);
  }

  @Test
  void warnsWhenARegisteredExecutorRanNoReportTask() {
    List<String> lines = ExecutorReport.lines(List.of(on("0", "cpu"), on("0", "cpu")), 2);
    assertEquals(2, lines.size());
    assertEquals("troupe: warning: 1 of 2 registered executors ran a report task (Spark placed the 2 tasks"
        + " unevenly); the others were not checked", lines.get(1));
  }
}
