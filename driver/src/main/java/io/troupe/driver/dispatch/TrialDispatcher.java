package io.troupe.driver.dispatch;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.driver.parallel.DataParallelFitter;
import io.troupe.driver.store.RunStores;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.ProvenanceReader;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs trials on Spark, one trial per one-task job, keeping at most {@code slots} in flight.
 * Each job is submitted from its own driver thread, so jobs run side by side and each result
 * comes back the moment its trial ends (as Hyperopt's SparkTrials does), letting the driver
 * record it and adapt. A job that Spark itself gives up on (its task failed every retry, e.g. an
 * executor lost too often) becomes a FAILED result; it never stops the other trials.
 */
public final class TrialDispatcher implements AutoCloseable {
  private final JavaSparkContext spark;
  private final Broadcast<DataSplits> data;
  private final boolean ownsData;
  private final String sourceFingerprint;
  /** Where a data-parallel trial (run on the driver) writes its artifacts; null where trials are custom tasks. */
  private final String artifactRoot;
  private final org.apache.spark.api.java.function.Function<TrialSpec, TrialResult> task;
  private final ExecutorService threads;
  private final CompletionService<TrialResult> done;
  private final int slots;
  private int inFlight;

  public TrialDispatcher(JavaSparkContext spark, DataSplits splits, String artifactRoot, int slots) {
    this(spark, spark.broadcast(splits), true, slots, artifactRoot, data -> new TrialTask(data, artifactRoot));
  }

  /** A dispatcher running {@code taskFor(broadcast data)} in each task; benchmarks pass a no-op. */
  public TrialDispatcher(JavaSparkContext spark, DataSplits splits, int slots,
      java.util.function.Function<Broadcast<DataSplits>, org.apache.spark.api.java.function.Function<TrialSpec, TrialResult>> taskFor) {
    // Broadcast once: Spark ships it to each executor once and every task there reads that copy.
    this(spark, spark.broadcast(splits), true, slots, null, taskFor);
  }

  /**
   * A dispatcher over data someone else broadcast and will destroy, so that several dispatchers in
   * a row (a benchmark's arms) find it already on the executors; closing this one leaves it there.
   */
  public static TrialDispatcher sharing(JavaSparkContext spark, Broadcast<DataSplits> data, String artifactRoot,
      int slots) {
    return new TrialDispatcher(spark, data, false, slots, artifactRoot, shared -> new TrialTask(shared, artifactRoot));
  }

  /** As {@link #sharing(JavaSparkContext, Broadcast, String, int)}, running {@code taskFor} in each task. */
  public static TrialDispatcher sharing(JavaSparkContext spark, Broadcast<DataSplits> data, int slots,
      java.util.function.Function<Broadcast<DataSplits>, org.apache.spark.api.java.function.Function<TrialSpec, TrialResult>> taskFor) {
    return new TrialDispatcher(spark, data, false, slots, null, taskFor);
  }

  private TrialDispatcher(JavaSparkContext spark, Broadcast<DataSplits> data, boolean ownsData, int slots,
      String artifactRoot, java.util.function.Function<Broadcast<DataSplits>, org.apache.spark.api.java.function.Function<TrialSpec, TrialResult>> taskFor) {
    this.spark = spark;
    this.slots = slots;
    this.data = data;
    this.ownsData = ownsData;
    this.artifactRoot = artifactRoot;
    this.sourceFingerprint = data.value().sourceFingerprint();
    this.task = taskFor.apply(data);
    this.threads = Executors.newFixedThreadPool(slots, r -> {
      Thread t = new Thread(r, "troupe-dispatch");
      t.setDaemon(true);
      return t;
    });
    this.done = new ExecutorCompletionService<>(threads);
  }

  public int slots() {
    return slots;
  }

  public int inFlight() {
    return inFlight;
  }

  public boolean hasFreeSlot() {
    return inFlight < slots;
  }

  /** Starts a trial; call only when {@link #hasFreeSlot()}. */
  public void submit(TrialSpec trial) {
    if (!hasFreeSlot()) {
      throw new IllegalStateException("all " + slots + " slots are busy");
    }
    inFlight++;
    done.submit(() -> runJob(trial));
  }

  /** Waits for the next trial to end, in whatever order they finish. */
  public TrialResult next() throws InterruptedException {
    if (inFlight == 0) {
      throw new IllegalStateException("no trial in flight");
    }
    Future<TrialResult> finished = done.take();
    inFlight--;
    try {
      return finished.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("dispatch thread failed", e.getCause());
    }
  }

  /**
   * Runs {@code work} against the broadcast data as one one-task job on an executor (where the
   * data already is) and returns its result. For work on saved models between trials, e.g.
   * averaging an ensemble's parameters; failures propagate.
   */
  public <R> R runOnExecutor(String description, org.apache.spark.api.java.function.Function<DataSplits, R> work) {
    Broadcast<DataSplits> shared = data;
    spark.setJobGroup("troupe-work", description, true);
    return OneTaskJob.run(spark, 0, ignored -> {
      TrialTask.bindTaskResources();
      return work.call(shared.value());
    });
  }

  /** The broadcast data, for jobs that spread one model's scoring over many tasks. */
  public Broadcast<DataSplits> data() {
    return data;
  }

  public JavaSparkContext spark() {
    return spark;
  }

  private TrialResult runJob(TrialSpec trial) {
    long start = System.nanoTime();
    spark.setJobGroup("troupe-" + trial.trialId(), "trial " + trial.trialId(), true);
    try {
      ExperimentSpec spec = artifactRoot == null ? null : trial.experiment();
      if (spec != null && spec.train().distributed().enabled()) {
        return runDataParallel(trial, spec);
      }
      return OneTaskJob.run(spark, trial, task);
    } catch (Exception e) {
      return lostTrial(trial, e, (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * A data-parallel trial: its loop (scoring, diagnostics, saving) runs here on the driver, and each
   * epoch's training across train.distributed.workers executors. A Spark job that fails for good
   * mid-epoch makes it FAILED, like any trial, so --resume runs it again.
   */
  private TrialResult runDataParallel(TrialSpec trial, ExperimentSpec spec) {
    return new TrialRunner(RunStores.onExecutor(artifactRoot), TrialProgress.SILENT)
        .run(trial, data.value(), new DataParallelFitter(spark, data, trial, spec));
  }

  /** A trial whose Spark job failed outright: its task never returned a result of its own. */
  private TrialResult lostTrial(TrialSpec trial, Exception e, double seconds) {
    TrialInfo info = TrialInfo.untrained(trial.trialId(), trial.params(), trial.seed(), Map.of(),
        ProvenanceReader.read(sourceFingerprint), seconds);
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new TrialResult.Failed(info, e.getClass().getName(), "Spark job failed: " + message);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    if (ownsData) {
      data.destroy();
    }
  }
}
