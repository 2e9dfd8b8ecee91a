package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The live report's throttle: trials ending in a burst give one rewrite, off the dispatching thread. */
class LiveReportTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void aBurstOfEndsIsOneRewriteAndTheNextWaitsItsTurn() throws Exception {
    AtomicInteger rewrites = new AtomicInteger();
    CountDownLatch first = new CountDownLatch(1);
    try (LiveReport live = new LiveReport(() -> {
      rewrites.incrementAndGet();
      first.countDown();
    }, Duration.ofMillis(400), Duration.ofMillis(20), err)) {
      for (int i = 0; i < 50; i++) {
        live.finished(null);
      }
      assertTrue(first.await(5, TimeUnit.SECONDS));
      Thread.sleep(100);
      assertEquals(1, rewrites.get(), "50 ends in a burst: one rewrite");
      live.finished(null);
      Thread.sleep(100);
      assertEquals(1, rewrites.get(), "the next waits out the interval");
    }
    assertEquals(1, rewrites.get(), "closing drops a rewrite still waiting: the final report follows");
  }

  @Test
  void theDispatchingThreadNeverWaitsForASlowRewrite() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (LiveReport live = new LiveReport(() -> release.await(5, TimeUnit.SECONDS), Duration.ofMillis(10),
        Duration.ZERO, err)) {
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        live.finished(null);
        Thread.sleep(5);
      }
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "finished() returns at once");
      release.countDown();
    }
  }

  @Test
  void aFailedRewriteIsAWarningAndTheNextOneStillRuns() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch twice = new CountDownLatch(2);
    try (LiveReport live = new LiveReport(() -> {
      attempts.incrementAndGet();
      twice.countDown();
      throw new java.io.IOException("disk full");
    }, Duration.ofMillis(30), Duration.ZERO, err)) {
      live.finished(null);
      Thread.sleep(60);
      live.finished(null);
      assertTrue(twice.await(5, TimeUnit.SECONDS));
    }
    assertEquals(2, attempts.get());
    String warnings = errBytes.toString(StandardCharsets.UTF_8);
    assertTrue(warnings.contains("warning: the live report was not rewritten (java.io.IOException: disk full);"
        + " the sweep goes on"), warnings);
  }

  @Test
  void aRecordFoldedIntoItsBatchMidRewriteIsReadAgainNotAWarning() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(2);
    try (LiveReport live = new LiveReport(() -> {
      done.countDown();
      if (attempts.incrementAndGet() == 1) {
        throw new java.nio.file.NoSuchFileException("records/0000001526.json");
      }
    }, Duration.ofMillis(30), Duration.ZERO, err)) {
      live.finished(null);
      assertTrue(done.await(5, TimeUnit.SECONDS));
    }
    assertEquals(2, attempts.get(), "listed and read once more");
    assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
  }
}
