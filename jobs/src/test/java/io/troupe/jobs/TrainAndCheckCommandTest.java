package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainAndCheckCommandTest {
  @TempDir Path dir;

  private static final String CONFIG = """
      name: tiny
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 500, testSize: 100, features: 10, classes: 4}}
      model: {hidden: [32], activation: tanh, init: xavier}
      train: {epochs: 3, batchSize: 50, optimizer: {lr: 0.01}}
      """;

  private String[] out = new String[2];

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = new TroupeMain().run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    out = new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    return code;
  }

  @Test
  void trainPrintsAnEpochLineAndWritesTheTrialRecord() throws IOException {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, CONFIG);
    assertEquals(0, run("train", config.toString(), "--out", dir.resolve("out").toString()), out[1]);
    assertEquals(3, out[0].lines().filter(l -> l.startsWith("train epoch ")).count(), out[0]);
    List<String> lines = Files.readAllLines(dir.resolve("out/tiny/trials.jsonl"));
    assertEquals(1, lines.size());
    JsonNode trial = new ObjectMapper().readTree(lines.get(0));
    for (String key : List.of("trialId", "status", "params", "seed", "metrics", "history")) {
      assertTrue(trial.has(key), "trials.jsonl misses " + key);
    }
    for (String metric : List.of("val_accuracy", "test_accuracy", "val_loss")) {
      assertTrue(trial.get("metrics").get(metric).isNumber(), metric);
    }
    assertEquals("COMPLETED", trial.get("status").asText());
    assertEquals(3, trial.get("history").size());
    assertTrue(Files.exists(dir.resolve("out/tiny/artifacts/train/model.zip")));

    // A second run appends; earlier results are never lost.
    assertEquals(0, run("train", config.toString(), "--out", dir.resolve("out").toString()));
    assertEquals(2, Files.readAllLines(dir.resolve("out/tiny/trials.jsonl")).size());
  }

  @Test
  void checkReportsEachCheckWithNumbersAndExitsByVerdict() throws IOException {
    Path config = dir.resolve("tiny.yaml");
    Files.writeString(config, CONFIG);
    assertEquals(0, run("check", config.toString()), out[0] + out[1]);
    assertTrue(out[0].contains("PASS initial loss matches chance"), out[0]);
    assertTrue(out[0].contains("5 of 5 checks passed"), out[0]);
    // Unscaled inputs (blob centres in [-5, 5]) fail the zero-mean check, and the exit code says so.
    assertEquals(1, run("check", config.toString(), "--set", "data.scaling=none"), out[0]);
    assertTrue(out[0].contains("FAIL inputs are roughly zero-mean"), out[0]);
    assertTrue(out[0].contains("4 of 5 checks passed, 1 failed"), out[0]);
  }

  @Test
  void aWarningGivesItsAdviceAndExitsZero() throws IOException {
    // Unit scaling puts every feature in [0, 1]: off-centre, which is advice, not a broken config.
    Path config = dir.resolve("unit.yaml");
    Files.writeString(config, CONFIG.replace("scaling: standardize", "scaling: unit"));
    assertEquals(0, run("check", config.toString()), out[0] + out[1]);
    assertTrue(out[0].contains("WARN inputs are roughly zero-mean: mean 0."), out[0]);
    assertTrue(out[0].contains("try data.scaling: standardize"), out[0]);
    assertTrue(out[0].contains("4 of 5 checks passed, 1 warned (warnings are advice and do not fail the check)"), out[0]);
  }
}
