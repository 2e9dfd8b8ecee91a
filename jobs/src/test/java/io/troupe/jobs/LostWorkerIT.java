package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real fault drill on a real cluster: deploy/cluster starts a master and two 1-core workers, each
 * its own JVM, deploy/troupe submits a sweep to it, and once trials have ended and worker-1's
 * executor is in the middle of one, worker-1 is killed (SIGKILL). Its executor must die with it (a
 * standalone executor watches its worker), Spark must rerun the lost task on the surviving worker
 * (a lost worker does not even count towards spark.task.maxFailures, 4 on a cluster), and the
 * sweep must exit 0 with every planned trial recorded exactly once, COMPLETED.
 */
class LostWorkerIT {
  @TempDir Path dir;
  private LocalCluster cluster;
  private Process sweep;

  private static final int TRIALS = 10;
  private static final String CONFIG = """
      name: drill
      data: {source: synthetic, synthetic: {trainSize: 2000, testSize: 200, features: 20, classes: 4}}
      model: {hidden: [64, 32], activation: tanh, init: xavier}
      train: {epochs: 4, batchSize: 32, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 10, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  /** Spark's executor log lines for a task attempt: "Running task 0.1 in stage 7.0 (TID 9)". */
  private static final Pattern RUNNING = Pattern.compile("Running task (\\d+\\.\\d+) in stage (\\d+)\\.\\d+ \\(TID (\\d+)\\)");

  @AfterEach
  void tearDown() throws Exception {
    if (sweep != null) {
      sweep.destroyForcibly();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  void aKilledWorkerCostsOnlyItsRunningTrialWhichSparkRerunsElsewhere() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1);
    Path config = dir.resolve("drill.yaml");
    Files.writeString(config, CONFIG);
    Path trials = dir.resolve("out/drill/trials.jsonl");
    Path log = dir.resolve("sweep.txt");
    ProcessBuilder builder = new ProcessBuilder(ProjectRoot.get().resolve("deploy/troupe").toString(), "sweep",
        config.toString(), "--master", cluster.masterUrl(), "--out", dir.resolve("out").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    builder.environment().put("TROUPE_CLUSTER_DIR", cluster.runDir().toString());
    sweep = builder.start();

    // Kill worker-1 mid-trial, after some trials have ended: its executor log shows a task that
    // started and has not finished.
    ProcessHandle worker = cluster.daemon("worker-1");
    Path workerLogs = cluster.runDir().resolve("work/worker-1");
    Optional<String> stage = Optional.empty();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && sweep.isAlive()) {
      stage = lines(trials) >= 2 ? unfinishedTaskStage(workerLogs) : Optional.empty();
      if (stage.isPresent()) {
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(stage.isPresent(), "worker-1 never ran a trial after 2 had ended: " + Files.readString(log));
    List<ProcessHandle> executors = worker.descendants().toList();
    assertFalse(executors.isEmpty(), "worker-1 has no executor JVM");
    worker.destroyForcibly(); // SIGKILL: no shutdown hook kills the executor for it
    int endedBeforeKill = lines(trials);

    // The executor notices that its worker is gone and exits.
    long executorDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (executors.stream().anyMatch(LocalCluster::running) && System.nanoTime() < executorDeadline) {
      Thread.sleep(100);
    }
    assertFalse(executors.stream().anyMatch(LocalCluster::running), "worker-1's executor outlived it");

    assertTrue(sweep.waitFor(120, TimeUnit.SECONDS), "the sweep did not finish: " + Files.readString(log));
    String output = Files.readString(log);
    assertEquals(0, sweep.exitValue(), output);
    assertTrue(endedBeforeKill < TRIALS, "the sweep ended before the kill: " + output);

    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(trials)) {
      var record = json.readTree(line);
      assertEquals("COMPLETED", record.get("status").asText(), line);
      assertTrue(ids.add(record.get("trialId").asText()), "recorded twice: " + record.get("trialId"));
    }
    assertEquals(TRIALS, ids.size(), "every planned trial ended exactly once");

    // The task lost with worker-1 ran again (a later attempt) on worker-2 and finished there. Which
    // task was lost is read from worker-1's log once its executor is dead: the one seen running at
    // the kill may have finished in the milliseconds before it, and another started.
    Set<String> lost = unfinishedTaskStages(workerLogs);
    String survivor = executorLogs(cluster.runDir().resolve("work/worker-2"));
    Set<String> retried = new HashSet<>();
    Matcher m = Pattern.compile("Finished task 0\\.[1-9] in stage (\\d+)\\.0 ").matcher(survivor);
    while (m.find()) {
      retried.add(m.group(1));
    }
    assertTrue(lost.stream().anyMatch(retried::contains), "worker-1 lost stage(s) " + lost + " (seen running at the kill: "
        + stage.get() + "); worker-2 retried " + retried + ":\n" + survivor);
  }

  /** Every stage with a task attempt that worker's executors started and did not finish. */
  private static Set<String> unfinishedTaskStages(Path workerLogs) throws IOException {
    String logs = executorLogs(workerLogs);
    Matcher m = RUNNING.matcher(logs);
    Set<String> stages = new HashSet<>();
    while (m.find()) {
      if (!logs.contains("Finished task " + m.group(1) + " in stage " + m.group(2) + ".0 (TID " + m.group(3) + ")")) {
        stages.add(m.group(2));
      }
    }
    return stages;
  }

  /** The stage of a task attempt that worker's executors started and did not finish, if any. */
  private static Optional<String> unfinishedTaskStage(Path workerLogs) throws IOException {
    String logs = executorLogs(workerLogs);
    Matcher m = RUNNING.matcher(logs);
    String stage = null;
    while (m.find()) {
      stage = logs.contains("Finished task " + m.group(1) + " in stage " + m.group(2) + ".0 (TID " + m.group(3) + ")")
          ? null : m.group(2);
    }
    return Optional.ofNullable(stage);
  }

  /** All executor stderr logs under a worker's work dir (work/worker-N/app-ID/EXECUTOR/stderr). */
  private static String executorLogs(Path workerDir) throws IOException {
    if (!Files.isDirectory(workerDir)) {
      return "";
    }
    try (Stream<Path> files = Files.find(workerDir, 3, (p, a) -> p.getFileName().toString().equals("stderr"))) {
      StringBuilder all = new StringBuilder();
      files.forEach(f -> {
        try {
          all.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)); // lenient: may end mid-line
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return all.toString();
    }
  }

  /** Complete lines in the results file (a line still being written is not a record yet). */
  private static int lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    return (int) Files.readString(file).chars().filter(c -> c == '\n').count();
  }
}
