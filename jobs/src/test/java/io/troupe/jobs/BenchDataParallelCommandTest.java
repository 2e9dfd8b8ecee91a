package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-data-parallel: one real run on tiny synthetic data and local[2], and its refusal of a one-task config. */
class BenchDataParallelCommandTest {
  private static final String CONFIG = """
      name: tiny
      seed: 5
      data: {source: synthetic, synthetic: {trainSize: 400, testSize: 60, features: 5, classes: 3}}
      model: {hidden: [8], activation: tanh}
      train: {epochs: 1, batchSize: 20, optimizer: {lr: 0.05}, distributed: {mode: data-parallel, workers: 2, averagingFrequency: 3}}
      """;

  @TempDir Path dir;

  @Test
  void measuresSpeedAndEveryRowAtEqualCompute() throws Exception {
    Path config = Files.writeString(dir.resolve("tiny.yaml"), CONFIG);
    Path json = dir.resolve("figures.json");
    CliRun r = CliRun.of("bench-data-parallel", config.toString(), "--master", "local[2]", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("speed-up"), r.out());
    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    double[] one = sorted(figures.get("one_executor_samples_per_second"));
    double[] parallel = sorted(figures.get("data_parallel_samples_per_second"));
    assertEquals(BenchDataParallelCommand.REPEATS, one.length);
    assertEquals(parallel[1] / one[1], figures.get("speedup").asDouble(), 1e-9, "the ratio of the medians");
    JsonNode rows = figures.get("rows");
    assertEquals(List.of("single member, one executor", "data-parallel, 2 workers", "shards of 2", "shards of 4",
        "true ensemble of 2"), iterable(rows));
    rows.fields().forEachRemaining(e -> {
      double accuracy = e.getValue().get("accuracy").asDouble();
      assertTrue(accuracy > 0 && accuracy <= 1, e.getKey() + " " + accuracy);
      boolean moves = e.getKey().startsWith("data-parallel");
      assertEquals(moves, e.getValue().get("bytes_moved").asDouble() > 0, e.getKey() + ": only data-parallel moves weights");
    });
    assertTrue(r.out().contains("| shards of 4 | 4 | 1 |"), "four shards cost one epoch of the data: " + r.out());
    assertTrue(r.out().contains("| true ensemble of 2 | 2 | 2 |"), r.out());
  }

  @Test
  void aSparkSourceAddsThePartitionedPathAsASpeedArmOfItsOwn() throws Exception {
    io.troupe.data.SourceData blobs = io.troupe.data.SyntheticData.blobs(400, 60, 5, 3, 1.0, 5);
    String data = "{source: spark, spark: {format: csv, options: {header: \"true\", inferSchema: \"true\"}, path: '"
        + CsvFiles.write(dir.resolve("train.csv"), blobs.train()) + "', test: {path: '" + CsvFiles.write(dir.resolve("test.csv"), blobs.test())
        + "'}, features: [x0, x1, x2, x3, x4], label: y}}";
    Path config = Files.writeString(dir.resolve("csv.yaml"), CONFIG.replaceAll("data: \\{.*\\}\\}", "data: " + data));
    Path json = dir.resolve("figures.json");
    CliRun r = CliRun.of("bench-data-parallel", config.toString(), "--master", "local[2]", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("its 360 training rows stay on the executors, split among 2 workers"), r.err());
    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(BenchDataParallelCommand.REPEATS, figures.get("partitioned_samples_per_second").size());
    assertEquals(List.of("single member, one executor", "data-parallel, 2 workers", "data-parallel, partitioned source",
        "shards of 2", "shards of 4", "true ensemble of 2"), iterable(figures.get("rows")));
    assertTrue(r.out().contains("| data-parallel, partitioned source | 1 | 1 |"), "one epoch of the data: " + r.out());
  }


  @Test
  void aConfigThatIsNotDataParallelIsRefusedNamingTheSetting() throws Exception {
    Path config = Files.writeString(dir.resolve("one-task.yaml"), CONFIG.replace("mode: data-parallel", "mode: none"));
    CliRun r = CliRun.of("bench-data-parallel", config.toString(), "--master", "local[2]");
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("train.distributed.mode: bench-data-parallel compares"), r.err());
  }

  private static double[] sorted(JsonNode values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).asDouble();
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static List<String> iterable(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
