package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.RunLock;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.testing.SharedHdfs;
import io.troupe.driver.testing.SharedS3;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results and data on HDFS and S3 from a real cluster with no shared directory for results: the shared
 * 2-worker cluster's executors write every artifact through Hadoop's FileSystem, to the shared
 * in-process HDFS and the shared S3 server (S3Proxy on loopback), as deploy/troupe and SparkSubmit
 * are driven by a user. The Hadoop settings reach the driver as spark.hadoop.* system properties
 * and the executors through the application's SparkConf.
 */
class StorageDrillsIT {
  @TempDir static Path work;
  private static SharedCluster cluster;
  private Process running;

  private static final String CONFIG = """
      name: store
      data: {source: synthetic, synthetic: {trainSize: 600, testSize: 150, features: 10, classes: 3}}
      model: {hidden: [16], activation: tanh, init: xavier}
      train: {epochs: 2, batchSize: 50, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 3, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      ensemble: {strategies: [single, true], members: 2}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  private static final String SLOW_SWEEP = """
      name: resumed
      data: {source: synthetic, synthetic: {trainSize: 1500, testSize: 200, features: 20, classes: 4}}
      model: {hidden: [64, 32], activation: tanh, init: xavier}
      train: {epochs: 3, batchSize: 32, optimizer: {lr: 0.01}}
      search: {strategy: random, trials: 8, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  private static final String PARQUET_SWEEP = """
      name: parquet
      data:
        source: spark
        spark: {path: @TRAIN@, test: {path: @TEST@}, features: features, label: label, imageShape: [1, 28, 28]}
        subset: {train: 2000, validation: 500, test: 1000}
      model: {hidden: [32], activation: relu, init: he}
      train: {epochs: 1, batchSize: 64, optimizer: {lr: 0.003}}
      search: {strategy: random, trials: 1, space: {train.l2: {logUniform: [1.0e-6, 1.0e-5]}}}
      spark: {conf: {spark.ui.enabled: "false"}}
      """;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = SharedCluster.get();
  }

  @AfterEach
  void killLeftovers() {
    if (running != null) {
      running.destroyForcibly();
    }
  }

  /** The Hadoop settings of both stores as spark.hadoop.* system properties of the driver JVM. */
  private static Map<String, String> storageEnv() {
    Map<String, String> settings = new TreeMap<>(SharedHdfs.get().sparkSettings());
    settings.putAll(SharedS3.get().sparkSettings());
    String opts = settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
    return Map.of("TROUPE_JAVA_OPTS", opts);
  }

  private static Configuration hadoop() {
    Configuration conf = SharedHdfs.get().configuration();
    SharedS3.get().hadoopSettings().forEach(conf::set);
    return conf;
  }

  private int troupe(Path log, String... args) throws Exception {
    running = cluster.troupe(log, storageEnv(), args);
    return SharedCluster.finish(running, log, 240);
  }

  private static String read(ArtifactStore files, String key) throws IOException {
    try (InputStream in = files.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSweepAndACompareWriteTheSameResultsToHdfsAndS3AsToLocalDisk() throws Exception {
    Path config = Files.writeString(work.resolve("store.yaml"), CONFIG);
    Map<String, String> outs = new java.util.LinkedHashMap<>();
    outs.put("local", work.resolve("local-out").toString());
    outs.put("hdfs", SharedHdfs.get().path("drills").toString());
    outs.put("s3a", SharedS3.get().path("drills").toString());
    Map<String, String> comparisons = new HashMap<>();
    Map<String, Map<String, Double>> sweeps = new HashMap<>();
    for (Map.Entry<String, String> out : outs.entrySet()) {
      // Local disk is the reference for the comparison; the sweeps on the two stores are held to each other.
      for (String command : out.getKey().equals("local") ? List.of("compare") : List.of("compare", "sweep")) {
        Path log = work.resolve(command + "-" + out.getKey() + ".txt");
        int code = troupe(log, command, config.toString(), "--master", cluster.masterUrl(), "--out", out.getValue());
        String output = Files.readString(log);
        assertEquals(0, code, command + " --out " + out.getValue() + ": " + output);
        assertFalse(output.contains(SharedS3.get().secretKey()), "the secret key is never logged");
      }
      ArtifactStore ensembles = RunStores.open(out.getValue() + "/store/ensembles", hadoop());
      comparisons.put(out.getKey(), read(ensembles, "comparison.csv"));
      // Executors wrote the members' models through the file system; the driver never had them.
      assertTrue(ensembles.exists("artifacts/member-01/model.zip"), out.getKey() + ": " + ensembles.list(""));
      assertFalse(ensembles.exists("_lock"), "released at the end");
      if (!out.getKey().equals("local")) {
        ArtifactStore run = RunStores.open(out.getValue() + "/store", hadoop());
        sweeps.put(out.getKey(), objectives(run));
        assertTrue(run.exists("trials.jsonl") && run.exists("best.yaml") && run.exists("run.json"), out.getKey());
        for (String key : List.of("run.json", "trials.jsonl", "best.yaml")) {
          assertFalse(read(run, key).contains(SharedS3.get().secretKey()), out.getKey() + " " + key + " holds the secret");
        }
      }
    }
    assertEquals(3, sweeps.get("hdfs").size());
    assertEquals(sweeps.get("hdfs"), sweeps.get("s3a"), "the same trials, the same numbers");
    assertEquals(comparisons.get("local"), comparisons.get("hdfs"), "identical comparison tables");
    assertEquals(comparisons.get("local"), comparisons.get("s3a"));
  }

  @Test
  void onHdfsASecondDriverAndAChangedConfigAreRefusedAndAKilledDriverResumesEveryTrialExactlyOnce()
      throws Exception {
    Path config = Files.writeString(work.resolve("resumed.yaml"), SLOW_SWEEP);
    String out = SharedHdfs.get().path("resume").toString();
    ArtifactStore run = RunStores.open(out + "/resumed", hadoop());
    Path firstLog = work.resolve("first.txt");
    running = cluster.troupe(firstLog, storageEnv(), "sweep", config.toString(), "--master", cluster.masterUrl(),
        "--out", out);
    // The second driver goes as soon as the first holds the run, not after its first records: its
    // refusal takes a JVM's start, and on a slow machine the first sweep could otherwise end meanwhile.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!run.exists(RunLock.FILE) && System.nanoTime() < deadline && running.isAlive()) {
      Thread.sleep(50);
    }
    assertTrue(running.isAlive() && run.exists(RunLock.FILE), "the first driver holds the run: "
        + Files.readString(firstLog));

    // A second driver on the same run, while the first holds it: refused before it starts Spark.
    Path secondLog = work.resolve("second.txt");
    Process second = cluster.troupe(secondLog, storageEnv(), "sweep", config.toString(), "--master",
        cluster.masterUrl(), "--out", out, "--resume");
    assertEquals(2, SharedCluster.finish(second, secondLog, 60), Files.readString(secondLog));
    assertTrue(Files.readString(secondLog).contains("another driver is running this run"), Files.readString(secondLog));

    while (run.list(ResultStore.RECORDS).size() < 2 && System.nanoTime() < deadline && running.isAlive()) {
      Thread.sleep(50);
    }
    assertTrue(running.isAlive(), "the sweep ended before it could be killed: " + Files.readString(firstLog));
    List<ProcessHandle> executors = cluster.executorJvms();
    running.destroyForcibly(); // deploy/troupe execs java: SIGKILL to the driver JVM itself
    assertTrue(running.waitFor(30, TimeUnit.SECONDS), "the driver outlived SIGKILL");
    int before = ResultStore.open(run).records().size();
    assertTrue(before >= 2 && before < 8, "killed after " + before + " records");
    cluster.awaitIdle(executors);

    // Resumed with a config that changes what trials compute: refused, and no result touched (it
    // takes over the dead driver's lock, then leaves none).
    List<String> filesBefore = results(run);
    String manifestBefore = read(run, "run.json");
    Path changedLog = work.resolve("changed.txt");
    assertEquals(2, troupe(changedLog, "sweep", config.toString(), "--set", "train.epochs=2", "--master",
        cluster.masterUrl(), "--out", out, "--resume"), Files.readString(changedLog));
    String changed = Files.readString(changedLog);
    assertTrue(changed.contains("train.epochs: 3 -> 2"), changed);
    // The killed driver's lock names this host and a pid that is gone: taken over at once, with a warning.
    assertTrue(changed.contains("took over the lock of a driver that no longer runs on this host"), changed);
    assertEquals(filesBefore, results(run), "a refused resume writes nothing");
    assertEquals(manifestBefore, read(run, "run.json"));
    assertFalse(run.exists("_lock"), "a refused resume leaves no lock");

    Path resumeLog = work.resolve("resume.txt");
    assertEquals(0, troupe(resumeLog, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out", out,
        "--resume"), Files.readString(resumeLog));
    String resumed = Files.readString(resumeLog);
    assertTrue(resumed.contains("8 trials, " + before + " already ended"), resumed);
    Map<String, Integer> completions = new TreeMap<>();
    for (StoredTrial record : ResultStore.open(run).records()) {
      assertEquals(TrialStatus.COMPLETED, record.status(), record.line());
      completions.merge(record.trialId(), 1, Integer::sum);
    }
    assertEquals(8, completions.size(), "every planned trial ran: " + completions);
    assertTrue(completions.values().stream().allMatch(n -> n == 1), "none twice: " + completions);
    assertEquals(8, read(run, "trials.jsonl").lines().count());

    // The report reads the run where it is, with no Spark and no local copy.
    Path reportLog = work.resolve("report.txt");
    assertEquals(0, troupe(reportLog, "report", out + "/resumed"), Files.readString(reportLog));
    assertTrue(read(run, "report.html").contains("<h1>resumed</h1>"), "the report is written beside the run");
  }

  @Test
  void aSweepOnTheClusterReadsFashionMnistFromParquetOnHdfsAndOnS3() throws Exception {
    String hdfsOut = SharedHdfs.get().path("data").toString();
    Path exportLog = work.resolve("export.txt");
    // Setting up the data, not the subject: written from a local session, straight to HDFS.
    assertEquals(0, troupe(exportLog, "fashion-parquet", "--master", "local[2]", "--out", hdfsOut),
        Files.readString(exportLog));
    String hdfsData = hdfsOut + "/fashion-mnist-parquet";
    String s3Data = SharedS3.get().path("data") + "/fashion-mnist-parquet";
    Configuration conf = hadoop();
    // The test part on S3 too, copied through Hadoop's FileSystem as any tool would: one sweep reads
    // its training part from HDFS and its test part from S3.
    org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(hdfsData + "/test");
    org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(s3Data + "/test");
    assertTrue(org.apache.hadoop.fs.FileUtil.copy(from.getFileSystem(conf), from, to.getFileSystem(conf), to, false,
        conf));
    Path config = Files.writeString(work.resolve("parquet.yaml"), PARQUET_SWEEP.replace("@TRAIN@", hdfsData + "/train")
        .replace("@TEST@", s3Data + "/test"));
    Path log = work.resolve("parquet.txt");
    String out = work.resolve("parquet-out").toString();
    assertEquals(0, troupe(log, "sweep", config.toString(), "--master", cluster.masterUrl(), "--out", out),
        Files.readString(log));
    assertTrue(Files.readString(log).contains("troupe: data.spark: read path " + hdfsData + "/train and path "
        + s3Data + "/test"), Files.readString(log));
    List<StoredTrial> trials = List.copyOf(ResultStore.open(RunStores.open(out + "/parquet", conf)).latest().values());
    assertEquals(1, trials.size());
    StoredTrial trial = trials.get(0);
    assertEquals(TrialStatus.COMPLETED, trial.status(), trial.line());
    assertTrue(trial.metric("val_accuracy") > 0.5, "learned from the Parquet rows: " + trial.metric("val_accuracy"));
    assertTrue(trial.metric("test_accuracy") > 0.5, "scored on the rows from S3: " + trial.metric("test_accuracy"));
  }

  /** Every file of a run but its lock. */
  private static List<String> results(ArtifactStore run) throws IOException {
    return run.list("").stream().filter(key -> !key.startsWith("_lock")).toList();
  }

  /** Each trial's validation loss, from the run's records read through its file system. */
  private static Map<String, Double> objectives(ArtifactStore run) throws IOException {
    Map<String, Double> byTrial = new TreeMap<>();
    for (StoredTrial t : ResultStore.open(run).latest().values()) {
      byTrial.put(t.trialId(), t.metric("val_loss"));
    }
    return byTrial;
  }
}
