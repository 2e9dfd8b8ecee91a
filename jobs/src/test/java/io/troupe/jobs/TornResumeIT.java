package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory of an earlier Troupe, whose trials.jsonl was the store itself, with a torn last
 * line left by a driver that died mid-write. A --resume against a real cluster must take its
 * complete records over (saying so), drop that line, rerun only that trial, and keep every other
 * record as it was.
 */
class TornResumeIT {
  @TempDir Path dir;
  private LocalCluster cluster;

  private static final String CONFIG = """
      name: torn
      data: {source: synthetic, synthetic: {trainSize: 500, testSize: 100, features: 10, classes: 3}}
      model: {hidden: [16], activation: tanh, init: xavier}
      train: {epochs: 2, batchSize: 50, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 4, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.stop();
    }
  }

  private String sweep(Path config, boolean resume) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/troupe").toString(), "sweep",
        config.toString(), "--master", cluster.masterUrl(), "--out", dir.resolve("out").toString()));
    if (resume) {
      command.add("--resume");
    }
    Path log = dir.resolve(resume ? "resume.txt" : "first.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    builder.environment().put("TROUPE_CLUSTER_DIR", cluster.runDir().toString());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the sweep did not finish: " + Files.readString(log));
    }
    assertEquals(0, process.exitValue(), Files.readString(log));
    return Files.readString(log);
  }

  @Test
  void aTornLastLineIsDroppedAndOnlyThatTrialRerunsOnTheCluster() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 1, 3);
    Path config = dir.resolve("torn.yaml");
    Files.writeString(config, CONFIG);
    String first = sweep(config, false);
    // One 3-core worker: 3 slots, counted once its executor has registered (before, Spark reports 2).
    assertTrue(first.contains("with 3 slots"), first);
    Path trials = dir.resolve("out/torn/trials.jsonl");
    List<String> complete = Files.readAllLines(trials);
    assertEquals(4, complete.size());

    // Make it a directory an earlier Troupe wrote (trials.jsonl was then the store itself) and cut its
    // last record in half, as a crash in the middle of that record's append would.
    deleteTree(dir.resolve("out/torn/records"));
    Files.delete(dir.resolve("out/torn/run.json"));
    String last = complete.get(3);
    String torn = String.join("\n", complete.subList(0, 3)) + "\n" + last.substring(0, last.length() / 2);
    Files.writeString(trials, torn, StandardCharsets.UTF_8);

    String log = sweep(config, true);
    assertTrue(log.contains("line 4 skipped: a torn last line"), log);
    assertTrue(log.contains("results of an earlier Troupe; copied its 3 records"), log);
    assertTrue(log.contains("3 already ended"), log);
    List<String> after = Files.readAllLines(trials);
    assertEquals(complete.subList(0, 3), after.subList(0, 3), "complete records are kept as they were");
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : after) {
      var record = json.readTree(line);
      assertEquals("COMPLETED", record.get("status").asText(), line);
      assertTrue(ids.add(record.get("trialId").asText()), "recorded twice: " + record.get("trialId"));
    }
    assertEquals(4, ids.size(), "the torn trial ran again, and only it");
    assertEquals(json.readTree(last).get("trialId"), json.readTree(after.get(3)).get("trialId"));
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
