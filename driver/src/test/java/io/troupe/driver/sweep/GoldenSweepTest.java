package io.troupe.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.driver.spark.SparkSessions;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunInvocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The study loop plans and trains what the sweep loops before it did. Each {@code golden-sweeps/NAME.jsonl}
 * was written by commit f256048, the last before the ask/tell studies (three loops: SweepRunner,
 * AshaSweep, CoarseToFineSweep), with {@code deploy/troupe sweep golden-sweeps/NAME.yaml}: every
 * record's id, status, seed, values, epochs and validation scores. Today's code runs the same config
 * on local Spark and must give the same records. ASHA runs on one slot, so its promotions and the
 * order of its records are fixed; the others compare as sets, as their trials do not depend on the
 * order they end in.
 */
class GoldenSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Validation loss may move in its last bits with the CPU's BLAS kernels; ids, values and statuses may not. */
  private static final double LOSS_TOLERANCE = 1e-5;

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSessions.start(config("random"), "local[2]");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"grid", "random", "coarse-to-fine", "asha"})
  void theStudyLoopGivesTheRecordsOfTheLoopsBeforeIt(String strategy) throws Exception {
    ExperimentSpec spec = config(strategy);
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    SweepProgress progress = new SweepProgress(new PrintStream(new ByteArrayOutputStream()), "val_accuracy",
        spec.objectiveDirection());
    try (RunDirectory run = RunDirectory.openFor(spec, splits.sourceFingerprint(), RunInvocation.of("sweep"),
        dir.toString(), new Configuration(), false)) {
      new SweepRunner(spec, splits, spark, run, progress).run();
    }
    Map<String, JsonNode> golden = records(resource(strategy + ".jsonl"));
    Map<String, JsonNode> today = records(Files.readString(dir.resolve("trials.jsonl")));
    if (strategy.equals("asha")) {
      assertEquals(List.copyOf(golden.keySet()), List.copyOf(today.keySet()), "ASHA on one slot: the same records in the same order");
    } else {
      assertEquals(new java.util.TreeSet<>(golden.keySet()), new java.util.TreeSet<>(today.keySet()), "the same trial ids");
    }
    List<String> differences = new ArrayList<>();
    golden.forEach((id, expected) -> differences.addAll(differences(id, expected, today.get(id))));
    assertTrue(differences.isEmpty(), strategy + ": " + String.join("\n", differences));
  }

  private static List<String> differences(String id, JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    for (String field : List.of("status", "seed", "params")) {
      if (!expected.get(field).equals(actual.get(field))) {
        out.add(id + " " + field + ": expected " + expected.get(field) + ", got " + actual.get(field));
      }
    }
    JsonNode metrics = actual.path("metrics");
    for (String metric : List.of("epochs_run", "val_accuracy", "val_loss")) {
      boolean hadIt = expected.has(metric);
      if (hadIt != metrics.has(metric)) {
        out.add(id + " " + metric + ": expected " + (hadIt ? expected.get(metric) : "none") + ", got " + metrics.get(metric));
      } else if (hadIt) {
        double want = expected.get(metric).asDouble();
        double got = metrics.get(metric).asDouble();
        double tolerance = metric.equals("val_loss") ? LOSS_TOLERANCE * Math.max(1, Math.abs(want)) : 0;
        if (!(Math.abs(want - got) <= tolerance)) {
          out.add(id + " " + metric + ": expected " + want + ", got " + got);
        }
      }
    }
    return out;
  }

  /** Records by trial id in file order; the golden files hold one line per record, today's the full record. */
  private static Map<String, JsonNode> records(String jsonl) throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String line : jsonl.split("\n")) {
      if (!line.isBlank()) {
        JsonNode record = JSON.readTree(line);
        out.put(record.get("trialId").asText(), record);
      }
    }
    return out;
  }

  private static ExperimentSpec config(String strategy) throws IOException {
    return ConfigLoader.parse(resource(strategy + ".yaml"), strategy + ".yaml", null, List.of());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GoldenSweepTest.class.getResourceAsStream("/golden-sweeps/" + name)) {
      if (in == null) {
        throw new IOException("no test resource golden-sweeps/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
