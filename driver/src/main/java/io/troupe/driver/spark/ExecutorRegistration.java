package io.troupe.driver.spark;

import java.time.Duration;
import org.apache.spark.SparkContext;

/**
 * Waits for a cluster's executors to register, so that the cores Spark reports
 * ({@code defaultParallelism}) count all of them. A standalone master starts executors only once the
 * application has registered, and Spark does not wait for them (without spark.cores.max,
 * spark.scheduler.minRegisteredResourcesRatio has nothing to compare against): a sweep sized at
 * start-up would see no executors and fall back to 2 slots.
 */
public final class ExecutorRegistration {
  /** How long the executor count must hold still before it counts as complete. */
  public static final Duration SETTLE = Duration.ofSeconds(3);
  /** Spark's own spark.scheduler.maxRegisteredResourcesWaitingTime default. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private ExecutorRegistration() {}

  /**
   * Returns the number of executors once at least one has registered and the count has not changed
   * for {@code settle}, or whatever registered by {@code max}; at once (0) on a local master.
   */
  public static int await(SparkContext sc, Duration settle, Duration max) throws InterruptedException {
    if (SparkSettings.isLocal(sc.master())) {
      return 0;
    }
    long deadline = System.nanoTime() + max.toNanos();
    int count = executors(sc);
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(100);
      int now = executors(sc);
      if (now != count) {
        count = now;
        stableSince = System.nanoTime();
      } else if (count > 0 && System.nanoTime() - stableSince >= settle.toNanos()) {
        break;
      }
    }
    return count;
  }

  /** Registered executors; the status tracker lists the driver too. */
  static int executors(SparkContext sc) {
    return Math.max(0, sc.statusTracker().getExecutorInfos().length - 1);
  }
}
