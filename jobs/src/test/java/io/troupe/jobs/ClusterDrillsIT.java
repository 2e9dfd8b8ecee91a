package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault drills on the shared real cluster ({@link SharedCluster}: a master and two 1-core workers,
 * each its own JVM): a driver killed mid-sweep and resumed, and an
 * experiment name that tries to write outside --out. Both go through deploy/troupe and SparkSubmit
 * as a user would; the sweeps also show the executor report naming both executors.
 */
class ClusterDrillsIT {
  @TempDir static Path shared;
  private static SharedCluster cluster;
  private Process sweep;

  private static final int TRIALS = 8;
  private static final String CONFIG = """
      name: drill
      data: {source: synthetic, synthetic: {trainSize: 1500, testSize: 200, features: 20, classes: 4}}
      model: {hidden: [64, 32], activation: tanh, init: xavier}
      train: {epochs: 3, batchSize: 32, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 8, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  /** The executor report's line for a CPU executor of this loopback cluster. */
  private static final Pattern CPU_EXECUTOR = Pattern.compile(
      "(?m)^troupe: executor (\\d+) on 127\\.0\\.0\\.1: CpuBackend, device cpu, 1 thread\\(s\\), gpus none$");

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = SharedCluster.get();
  }

  @AfterEach
  void killLeftovers() {
    if (sweep != null) {
      sweep.destroyForcibly();
    }
  }

  private static Process troupe(Path log, String... args) throws IOException {
    return cluster.troupe(log, Map.of(), args);
  }

  private static int finish(Process process, Path log, int seconds) throws Exception {
    return SharedCluster.finish(process, log, seconds);
  }

  @Test
  void aDriverKilledMidSweepIsResumedOnTheClusterWithoutRerunningAnyTrial() throws Exception {
    Path work = Files.createDirectories(shared.resolve("kill"));
    Path config = Files.writeString(work.resolve("drill.yaml"), CONFIG);
    Path out = work.resolve("out");
    Path trials = out.resolve("drill/trials.jsonl");
    Path firstLog = work.resolve("first.txt");
    sweep = troupe(firstLog, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out", out.toString());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (completeLines(trials).size() < 2 && System.nanoTime() < deadline && sweep.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(sweep.isAlive(), "the sweep ended before it could be killed: " + Files.readString(firstLog));
    // deploy/troupe execs java: the process is the driver JVM itself, so SIGKILL reaches it, not a wrapper.
    assertTrue(sweep.info().command().orElse("").endsWith("/java"), "not the JVM: " + sweep.info());
    List<ProcessHandle> executors = cluster.executorJvms();
    assertEquals(2, executors.size(), "each worker runs one executor for the sweep");
    // The launcher compiles a cluster driver with C1 only (it schedules); executors train with C2.
    // (The whole command line: ProcessHandle.Info#arguments is empty for one as long as these.)
    assertTrue(sweep.info().commandLine().orElseThrow().contains(" -XX:TieredStopAtLevel=1 "),
        "driver flags: " + sweep.info());
    for (ProcessHandle executor : executors) {
      String flags = executor.info().commandLine().orElseThrow();
      assertTrue(flags.contains("CoarseGrainedExecutorBackend") && !flags.contains("TieredStopAtLevel"),
          "executor flags: " + flags);
    }
    sweep.destroyForcibly();
    assertTrue(sweep.waitFor(30, TimeUnit.SECONDS), "the driver outlived SIGKILL");
    List<String> beforeKill = completeLines(trials);
    assertTrue(beforeKill.size() >= 2 && beforeKill.size() < TRIALS, "killed after " + beforeKill.size() + " trials");
    assertEquals(Set.of("0", "1"), reportedExecutors(Files.readString(firstLog)), Files.readString(firstLog));

    // The master notices the lost driver: its executors exit and the workers' cores are free again.
    cluster.awaitIdle(executors);

    Path resumeLog = work.resolve("resume.txt");
    sweep = troupe(resumeLog, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out", out.toString(),
        "--resume");
    assertEquals(0, finish(sweep, resumeLog, 180), Files.readString(resumeLog));
    String resumed = Files.readString(resumeLog);
    assertEquals(Set.of("0", "1"), reportedExecutors(resumed), "a new application got both executors: " + resumed);
    assertTrue(resumed.contains("sweep: " + TRIALS + " trials, " + beforeKill.size() + " already ended, "
        + (TRIALS - beforeKill.size()) + " to run"), resumed);

    List<String> after = Files.readAllLines(trials);
    assertEquals(beforeKill, after.subList(0, beforeKill.size()), "records from before the kill are kept byte for byte");
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : after) {
      JsonNode record = json.readTree(line);
      assertEquals("COMPLETED", record.get("status").asText(), line);
      assertTrue(ids.add(record.get("trialId").asText()), "run twice: " + record.get("trialId"));
    }
    assertEquals(TRIALS, ids.size(), "every planned trial ended exactly once");
  }

  private static final String SYNTHETIC = "{source: synthetic, synthetic: {trainSize: 3000, testSize: 300, features: 20, classes: 4}}";
  private static final String DATA_PARALLEL = """
      name: dp-drill
      seed: 7
      data: {source: synthetic, synthetic: {trainSize: 3000, testSize: 300, features: 20, classes: 4}}
      model: {hidden: [64, 32], activation: tanh, init: xavier}
      train:
        epochs: 3
        batchSize: 32
        optimizer: {type: adam, lr: 0.003}
        distributed: {mode: data-parallel, workers: 2, averagingFrequency: 5}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  /**
   * The drill's data as a spark source (csv files, one partition each): a data-parallel config's
   * training rows then stay partitioned, one share cached on each worker's executor.
   */
  private static String sparkSource(Path work) throws IOException {
    io.troupe.data.SourceData blobs = io.troupe.data.SyntheticData.blobs(3000, 300, 20, 4, 1.0, 7);
    List<String> features = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      features.add("x" + j);
    }
    String train = CsvFiles.write(work.resolve("train.csv"), blobs.train());
    String test = CsvFiles.write(work.resolve("test.csv"), blobs.test());
    return "{source: spark, spark: {format: csv, options: {header: \"true\", inferSchema: \"true\"}, path: '" + train
        + "', test: {path: '" + test + "'}, features: [" + String.join(", ", features) + "], label: y}}";
  }

  /**
   * A data-parallel trial whose worker's executor is killed mid-training: Spark reruns the lost
   * task (the standalone worker starts a new executor), and because a round's batches, seeds and
   * starting parameters are fixed before it runs, the trial ends COMPLETED with exactly the numbers
   * of an uninterrupted run on the same cluster. With a spark source, the killed executor also held
   * one worker's cached share of the training rows: Spark rebuilds it from the files, row for row.
   */
  @ParameterizedTest(name = "data from {0}")
  @ValueSource(strings = {"a broadcast", "a spark source, partitioned"})
  void aDataParallelTrialLosingAnExecutorMidTrainingEndsWithTheNumbersOfAnUninterruptedRun(String data)
      throws Exception {
    boolean partitioned = data.startsWith("a spark source");
    Path work = Files.createDirectories(shared.resolve(partitioned ? "dp-partitioned" : "dp"));
    String yaml = partitioned ? DATA_PARALLEL.replace(SYNTHETIC, sparkSource(work)) : DATA_PARALLEL;
    Path config = Files.writeString(work.resolve("dp.yaml"), yaml);
    Path referenceLog = work.resolve("reference.txt");
    assertEquals(0, finish(troupe(referenceLog, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out",
        work.resolve("reference").toString()), referenceLog, 240), Files.readString(referenceLog));
    JsonNode reference = onlyRecord(work.resolve("reference/dp-drill/trials.jsonl"));
    assertTrue(reference.get("metrics").get("dp_rounds").asDouble() > 0, reference.toString());
    assertEquals(2700, reference.get("metrics").get("train_rows").asDouble(), reference.toString());
    assertEquals(partitioned, Files.readString(referenceLog).contains("training rows stay on the executors, split"
        + " among 2 workers"), Files.readString(referenceLog));

    Path workerLogs = cluster.cluster().runDir().resolve("work/worker-1");
    long tasksBefore = finishedTasks(workerLogs);
    Path log = work.resolve("drill.txt");
    sweep = troupe(log, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out", work.resolve("out").toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // Past reading the data (a spark source's takes a few tasks on each worker too), into training.
    int tasks = partitioned ? 14 : 8;
    while (finishedTasks(workerLogs) < tasksBefore + tasks && System.nanoTime() < deadline && sweep.isAlive()) {
      Thread.sleep(50);
    }
    List<ProcessHandle> executors = cluster.cluster().daemon("worker-1").children().filter(LocalCluster::running).toList();
    assertTrue(sweep.isAlive() && executors.size() == 1, "worker-1's executor, mid-training: " + executors + " "
        + Files.readString(log));
    executors.get(0).destroyForcibly();
    assertEquals(0, finish(sweep, log, 240), Files.readString(log));
    JsonNode drilled = onlyRecord(work.resolve("out/dp-drill/trials.jsonl"));
    assertEquals("COMPLETED", drilled.get("status").asText(), drilled.toString());
    // (With a partitioned source the rebuilt share may be cached beside the other, and the rest run there.)
    assertTrue(finishedTasks(workerLogs) >= tasksBefore + tasks, "worker-1 trained before the kill");
    for (String metric : List.of("val_loss", "val_accuracy", "test_loss", "test_accuracy", "dp_rounds")) {
      assertEquals(reference.get("metrics").get(metric).asDouble(), drilled.get("metrics").get(metric).asDouble(),
          metric + ": the lost executor's tasks ran again on the same batches from the same parameters");
    }
  }

  private static JsonNode onlyRecord(Path trials) throws IOException {
    List<String> lines = completeLines(trials);
    assertEquals(1, lines.size(), "one trial: " + lines);
    return new ObjectMapper().readTree(lines.get(0));
  }

  /** Tasks the executors under a worker's work directory have finished, over every application. */
  private static long finishedTasks(Path workerDir) throws IOException {
    if (!Files.isDirectory(workerDir)) {
      return 0;
    }
    try (Stream<Path> files = Files.find(workerDir, 3, (p, a) -> p.getFileName().toString().equals("stderr"))) {
      long count = 0;
      for (Path f : files.toList()) {
        Matcher m = FINISHED_TASK.matcher(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
          count++;
        }
      }
      return count;
    }
  }

  private static final Pattern FINISHED_TASK = Pattern.compile("Finished task \\d+\\.\\d+ in stage");

  @Test
  void anExperimentNameCannotWriteOutsideOut() throws Exception {
    Path tree = shared.resolve("escape/tree");
    Path out = tree.resolve("a/b/out");
    // Earlier results in --out, which must stay as they are.
    Files.createDirectories(out.resolve("earlier/artifacts/t0001"));
    Files.writeString(out.resolve("earlier/trials.jsonl"), "{\"trialId\":\"t0001\",\"status\":\"COMPLETED\"}\n");
    Files.write(out.resolve("earlier/artifacts/t0001/model.zip"), new byte[] {1, 2, 3});
    Map<String, String> before = snapshot(tree);

    Path logs = Files.createDirectories(shared.resolve("escape/logs"));
    Path good = Files.writeString(logs.resolve("good.yaml"), CONFIG);
    Path hostile = Files.writeString(logs.resolve("hostile.yaml"), CONFIG.replace("name: drill", "name: ../../etc"));
    String master = cluster.masterUrl();
    List<List<String>> attempts = List.of(
        List.of("sweep", good.toString(), "--set", "name=../../etc", "--master", master, "--out", out.toString()),
        List.of("sweep", hostile.toString(), "--master", master, "--out", out.toString()),
        List.of("compare", hostile.toString(), "--master", master, "--out", out.toString()),
        List.of("train", good.toString(), "--set", "name=..", "--out", out.toString()));
    for (int i = 0; i < attempts.size(); i++) {
      Path log = logs.resolve("attempt-" + i + ".txt");
      int code = finish(troupe(log, attempts.get(i).toArray(String[]::new)), log, 60);
      String output = Files.readString(log);
      assertEquals(2, code, attempts.get(i) + ": " + output);
      assertTrue(output.contains("troupe: name: "), "the message names the field: " + output);
      assertTrue(output.contains("got \"" + (i == 3 ? ".." : "../../etc") + "\""), output);
      assertEquals(before, snapshot(tree), attempts.get(i) + " changed files around --out");
    }
    assertFalse(Files.exists(tree.resolve("a/etc")), "../../etc from a/b/out");
  }

  /** The executor ids the executor report names, each with the CPU backend and device. */
  private static Set<String> reportedExecutors(String log) {
    Set<String> ids = new TreeSet<>();
    Matcher m = CPU_EXECUTOR.matcher(log);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** Every file under {@code root} with its content, as a map from relative path to bytes (as text). */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        String content = Files.isRegularFile(p) ? Arrays.toString(Files.readAllBytes(p)) : "dir";
        files.put(root.relativize(p).toString(), content);
      }
    }
    return files;
  }

  /** Complete lines only: a line still being written (or torn by the kill) is not a record. */
  private static List<String> completeLines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }
}
