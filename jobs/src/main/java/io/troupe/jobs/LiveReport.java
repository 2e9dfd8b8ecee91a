package io.troupe.jobs;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.sweep.SweepProgress;
import io.troupe.jobs.report.ReportWriter;
import io.troupe.trial.TrialResult;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;

/**
 * report.html while a sweep goes on: rewritten on a thread of its own as trials end, at most once
 * every {@link #EVERY} (the ends between are folded into the next rewrite), so neither a large run
 * nor a slow store holds up the next trial's dispatch. A rewrite that fails is a warning; the page
 * says it reloads itself until the run's final report, written after {@link #close}, replaces it.
 */
final class LiveReport implements SweepProgress.Listener, AutoCloseable {
  /** At most one rewrite this often: about as often as the page reloads. */
  static final Duration EVERY = Duration.ofSeconds(15);
  /** A result is stored by a background thread: wait this long after an end before reading the records. */
  static final Duration SETTLE = Duration.ofSeconds(1);

  /** The rewrite itself. */
  @FunctionalInterface
  interface Rewrite {
    void run() throws Exception;
  }

  private final Rewrite rewrite;
  private final Duration every;
  private final Duration settle;
  private final PrintStream err;
  private final ScheduledExecutorService thread;
  private boolean pending;
  private long lastStart = Long.MIN_VALUE;

  LiveReport(Rewrite rewrite, Duration every, Duration settle, PrintStream err) {
    this.rewrite = rewrite;
    this.every = every;
    this.settle = settle;
    this.err = err;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = Executors.defaultThreadFactory().newThread(r);
      t.setName("troupe-live-report");
      t.setDaemon(true);
      return t;
    });
    // At close, a rewrite still waiting is dropped: the final report comes right after.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.thread = executor;
  }

  /** The live report of the run at {@code dir}. */
  static LiveReport of(String dir, PrintStream err) {
    ReportWriter writer = new ReportWriter(Clock.systemUTC());
    return new LiveReport(() -> {
      // Before any chart class loads AWT: there is no display on servers and Spark nodes.
      System.setProperty("java.awt.headless", "true");
      ArtifactStore files = RunStores.open(dir, RunStores.hadoopConf(new SparkConf()));
      writer.writeLive(dir, files);
    }, EVERY, SETTLE, err);
  }

  /** Called on the dispatching thread: schedules a rewrite unless one is already waiting, and returns. */
  @Override
  public synchronized void finished(TrialResult result) {
    if (pending || thread.isShutdown()) {
      return;
    }
    pending = true;
    long now = System.nanoTime();
    long wait = lastStart == Long.MIN_VALUE ? settle.toNanos()
        : Math.max(settle.toNanos(), lastStart + every.toNanos() - now);
    thread.schedule(this::run, wait, TimeUnit.NANOSECONDS);
  }

  private void run() {
    synchronized (this) {
      pending = false;
      lastStart = System.nanoTime();
    }
    try {
      try {
        rewrite.run();
      } catch (NoSuchFileException e) {
        // A record vanished between listing and reading: every 500 records the store folds the single
        // files into one batch file and deletes them. Listed again, the batch is there.
        rewrite.run();
      }
    } catch (Exception | LinkageError e) {
      err.println("warning: the live report was not rewritten (" + e + "); the sweep goes on");
    }
  }

  /** Drops a rewrite still waiting and waits for one under way, so the final report is written last. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(2, TimeUnit.MINUTES)) {
        err.println("warning: the live report's last rewrite did not end within 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
