package io.troupe.jobs.bench;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.data.DataSplits;
import io.troupe.data.SyntheticData;
import io.troupe.data.DataSplitter;
import io.troupe.data.Scaling;
import io.troupe.driver.dispatch.NoOpTrialTask;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.testing.SharedHdfs;
import io.troupe.driver.testing.SharedS3;
import io.troupe.driver.testing.SharedStorage;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.EpochStats;
import io.troupe.trial.LayerStats;
import io.troupe.trial.Provenance;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The store's benchmark, not a test (its name keeps it out of the suite): run by
 * {@code deploy/bench/store.sh}, which prints these figures and writes them as JSON. Local disk, a
 * real HDFS (in-process MiniDFSCluster) and a real S3 API (S3Proxy on loopback, through s3a), side
 * by side in one JVM:
 * <ul>
 *   <li>record write latency: one trial record written and made visible (append, then flush), and
 *       what {@code append} itself costs the dispatch loop;
 *   <li>dispatch overhead: no-op trials through the dispatcher on 2 slots, each result recorded in
 *       a store on that file system, as a sweep records it;
 *   <li>resume: opening a run of 10,000 realistic records (20 epochs of history each), after a clean
 *       end (20 batches) and after a crash just before the last batch (19 batches, 499 single records).
 * </ul>
 * Every figure is repeated and given as median with min and max.
 */
class StoreBench {
  static final int RECORDS = 40;
  static final int NO_OP_TRIALS = 40;
  static final int REPEATS = 3;
  static final int RESUME_RECORDS = 10_000;

  private record FileSystemUnderTest(String name, String uri, Configuration conf) {}

  @Test
  void measure() throws Exception {
    Path local = Files.createTempDirectory("troupe-store-bench");
    SharedStorage hdfs = SharedHdfs.get();
    SharedStorage s3 = SharedS3.get();
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("store-bench").set("spark.ui.enabled", "false");
    hdfs.sparkSettings().forEach(conf::set);
    s3.sparkSettings().forEach(conf::set);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<FileSystemUnderTest> systems = List.of(
        new FileSystemUnderTest("local", local.resolve("run").toString(), hadoop),
        new FileSystemUnderTest("hdfs", hdfs.path("bench").toString(), hadoop),
        new FileSystemUnderTest("s3a", s3.path("bench").toString(), hadoop));
    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder(String.format("%-6s %28s %22s %26s %26s%n", "fs",
        "record write+visible ms", "append() us", "dispatch ms/trial (2 slots)", "open 10k records s"));
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<DataSplits> data = jsc.broadcast(smallData());
      dispatchOverhead(jsc, data, RunStores.open(local.resolve("warm").toString(), hadoop)); // JIT and Spark warm
      for (FileSystemUnderTest fs : systems) {
        double[] write = new double[REPEATS];
        double[] append = new double[REPEATS];
        double[] dispatch = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
          double[] latency = recordLatency(RunStores.open(fs.uri() + "/latency-" + r, fs.conf()));
          write[r] = latency[0];
          append[r] = latency[1];
          dispatch[r] = dispatchOverhead(jsc, data, RunStores.open(fs.uri() + "/dispatch-" + r, fs.conf()));
        }
        double[][] resume = resumeOpen(fs, local);
        table.append(String.format("%-6s %28s %22s %26s %26s%n", fs.name(), spread(write), spread(append),
            spread(dispatch), spread(resume[0]) + " / " + spread(resume[1])));
        json.put(fs.name() + "_record_write_ms", write);
        json.put(fs.name() + "_append_us", append);
        json.put(fs.name() + "_dispatch_ms_per_trial", dispatch);
        json.put(fs.name() + "_open_10k_batched_s", resume[0]);
        json.put(fs.name() + "_open_10k_after_crash_s", resume[1]);
      }
      data.destroy();
    } finally {
      spark.stop();
    }
    System.out.print(table);
    System.out.println("(median [min-max] of " + REPEATS + " repeats; open: after a clean end / after a crash before"
        + " the last batch; CPU: " + cpu() + ")");
    String out = System.getProperty("troupe.bench.json");
    if (out != null) {
      json.put("cpu", cpu());
      io.troupe.jobs.bench.BenchJson.writeMeasurements(Path.of(out), json);
      System.out.println("figures: " + out);
    }
  }

  /** Median milliseconds from append to a visible record, and median microseconds of append() alone. */
  private static double[] recordLatency(ArtifactStore files) throws Exception {
    ResultStore store = ResultStore.open(files);
    store.beginWriting("sha256:bench");
    double[] visible = new double[RECORDS];
    double[] append = new double[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      TrialResult result = realistic(String.format("t%05d", i));
      long start = System.nanoTime();
      store.append(result);
      long appended = System.nanoTime();
      store.flush();
      visible[i] = (System.nanoTime() - start) / 1e6;
      append[i] = (appended - start) / 1e3;
    }
    store.close();
    return new double[] {median(visible), median(append)};
  }

  /** Milliseconds of wall time per no-op trial on 2 slots, each result appended to a store on {@code files}. */
  private static double dispatchOverhead(JavaSparkContext jsc, Broadcast<DataSplits> data, ArtifactStore files)
      throws Exception {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}", "bench.yaml", "bench", List.of());
    ResultStore store = ResultStore.open(files);
    store.beginWriting("sha256:bench");
    long start = System.nanoTime();
    try (TrialDispatcher dispatcher = TrialDispatcher.sharing(jsc, data, 2, NoOpTrialTask::new)) {
      int next = 0;
      for (int finished = 0; finished < NO_OP_TRIALS; finished++) {
        while (dispatcher.hasFreeSlot() && next < NO_OP_TRIALS) {
          dispatcher.submit(TrialSpec.of(spec, String.format("n%02d", next++), Map.of()));
        }
        store.append(dispatcher.next());
      }
    }
    double perTrial = (System.nanoTime() - start) / 1e6 / NO_OP_TRIALS;
    store.close();
    return perTrial;
  }

  /**
   * Seconds to open a run of {@value #RESUME_RECORDS} records on {@code fs}: after a crash just before
   * the last batch (19 batches and 499 single records) and after a clean end (20 batches). The run is
   * written by the store on local disk, as a driver would have written it, and its files are copied
   * to {@code fs} in parallel: creating 10,000 files one by one takes most of an hour on MiniDFS.
   */
  private static double[][] resumeOpen(FileSystemUnderTest fs, Path scratch) throws Exception {
    LocalArtifactStore local = new LocalArtifactStore(scratch.resolve("resume-" + fs.name()));
    ResultStore store = ResultStore.open(local);
    store.beginWriting("sha256:bench");
    for (int i = 0; i < RESUME_RECORDS - 1; i++) {
      store.append(realistic(String.format("t%05d", i)));
    }
    store.flush(); // the driver dies here, one record before the 20th batch
    ArtifactStore crashed = copy(local, RunStores.open(fs.uri() + "/resume-crashed", fs.conf()));
    store.append(realistic(String.format("t%05d", RESUME_RECORDS - 1)));
    store.close();
    ArtifactStore clean = copy(local, RunStores.open(fs.uri() + "/resume-clean", fs.conf()));
    double[][] seconds = new double[2][REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      seconds[0][r] = timeOpen(clean, RESUME_RECORDS);
      seconds[1][r] = timeOpen(crashed, RESUME_RECORDS - 1);
    }
    return seconds;
  }

  /** Copies every record file of a run (not its views) from {@code from} to {@code to}, 16 at a time. */
  private static ArtifactStore copy(ArtifactStore from, ArtifactStore to) throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<?>> copies = new ArrayList<>();
      for (String key : from.list(ResultStore.RECORDS)) {
        copies.add(pool.submit(() -> {
          try (java.io.InputStream in = from.open(key)) {
            byte[] bytes = in.readAllBytes();
            to.write(key, out -> out.write(bytes));
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> copy : copies) {
        copy.get();
      }
    } finally {
      pool.shutdown();
    }
    return to;
  }

  private static double timeOpen(ArtifactStore files, int expected) throws Exception {
    long start = System.nanoTime();
    int n = ResultStore.open(files).latest().size();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (n != expected) {
      throw new AssertionError("opened " + n + " of " + expected + " trials at " + files.describe("records"));
    }
    return seconds;
  }

  /** A completed-sized record: 20 epochs of history with three layers' statistics (about 6 KB of JSON). */
  private static TrialResult realistic(String id) {
    List<EpochStats> history = new ArrayList<>();
    for (int e = 1; e <= 20; e++) {
      List<LayerStats> layers = List.of(new LayerStats("0", 1e-3, 0.1, 0.9, 0.01),
          new LayerStats("1", 2e-3, 0.2, 0.8, 0.02), new LayerStats("2", 3e-3, 0.3, 0.7, 0.03));
      history.add(new EpochStats(e, 0.5 / e, 0.5 / e, 0.8, 0.6 / e, 0.79, 1e-3, 1.5, layers, 2.0));
    }
    TrialInfo info = new TrialInfo(id, Map.of("train.optimizer.lr", 1e-3, "train.l2", 1e-5), 42, history,
        Map.of("val_accuracy", 0.88, "val_loss", 0.33, "test_accuracy", 0.87),
        new Diagnosis(Diagnosis.LearningRateVerdict.FINE, Diagnosis.FitVerdict.UNKNOWN, List.of()),
        new Provenance("CpuBackend", "cpu", 1, "troupe", "java", "host", "linux", "sha256:data"), 40.0,
        Map.of("model", id + "/model.zip", "predictions-val", id + "/predictions-val.bin"));
    return new TrialResult.Failed(info, "bench", "a record of realistic size");
  }

  private static DataSplits smallData() {
    return DataSplitter.split(SyntheticData.blobs(200, 50, 10, 3, 1.0, 7), 0.1, null, null, null, Scaling.NONE, 7);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String spread(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format("%.1f [%.1f-%.1f]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown")
          + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
