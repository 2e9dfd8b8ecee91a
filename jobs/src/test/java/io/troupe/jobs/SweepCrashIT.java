package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash drill: the sweep's driver JVM is killed (SIGKILL, no shutdown hooks) after a few
 * trials have ended, then the same command runs again with --resume. No trial may be lost and
 * none run twice: every planned trial ends up with exactly one COMPLETED record, and the ones
 * recorded before the crash are not run again.
 */
class SweepCrashIT {
  @TempDir Path dir;

  private static final String CONFIG = """
      name: crash
      data: {source: synthetic, synthetic: {trainSize: 3000, testSize: 300, features: 20, classes: 4}}
      model: {hidden: [64, 32], activation: tanh, init: xavier}
      train: {epochs: 4, batchSize: 32, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 10, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  private Process sweep(Path config, boolean resume) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/troupe").toString(), "sweep",
        config.toString(), "--out", dir.resolve("out").toString()));
    if (resume) {
      command.add("--resume");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(resume ? "resume.txt" : "first.txt").toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    return builder.start();
  }

  @Test
  void killedMidSweepThenResumedLosesNothingAndRepeatsNothing() throws Exception {
    Path config = dir.resolve("crash.yaml");
    Files.writeString(config, CONFIG);
    Path trials = dir.resolve("out/crash/trials.jsonl");
    Process first = sweep(config, false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (lines(trials).size() < 3 && System.nanoTime() < deadline && first.isAlive()) {
      Thread.sleep(50);
    }
    assertTrue(first.isAlive(), "the sweep finished before it could be killed: " + Files.readString(dir.resolve("first.txt")));
    first.destroyForcibly(); // the launcher execs java, so this is SIGKILL to the driver itself
    first.waitFor(30, TimeUnit.SECONDS);
    List<String> beforeCrash = lines(trials);
    assertTrue(beforeCrash.size() >= 3 && beforeCrash.size() < 10, "killed after " + beforeCrash.size() + " trials");
    // The records are the truth; the view is appended after each record, so it can lag by the one being written.
    long recorded = records();
    assertTrue(recorded == beforeCrash.size() || recorded == beforeCrash.size() + 1,
        recorded + " records, " + beforeCrash.size() + " view lines");

    Process resumed = sweep(config, true);
    assertTrue(resumed.waitFor(180, TimeUnit.SECONDS), "resume did not finish");
    String log = Files.readString(dir.resolve("resume.txt"));
    assertEquals(0, resumed.exitValue(), log);

    List<String> after = lines(trials);
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : after) {
      var record = json.readTree(line);
      assertEquals("COMPLETED", record.get("status").asText(), line);
      assertTrue(ids.add(record.get("trialId").asText()), "run twice: " + record.get("trialId"));
    }
    assertEquals(10, ids.size(), "every planned trial ended exactly once");
    assertEquals(beforeCrash, after.subList(0, beforeCrash.size()), "records from before the crash are kept as they were");
    assertTrue(log.contains(recorded + " already ended"), log);
    assertEquals(10, records(), "one record per trial, none twice");
  }

  /** The run's records, as --resume reads them (single records, or the batches that replace them). */
  private long records() throws java.io.IOException {
    return io.troupe.driver.store.ResultStore.open(new io.troupe.artifacts.LocalArtifactStore(dir.resolve("out/crash")))
        .records().size();
  }

  private static List<String> lines(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    // Only complete lines: a line still being written at the moment of reading is not a record yet.
    String text = Files.readString(file);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }
}
