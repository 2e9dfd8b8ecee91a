package io.troupe.driver.sweep;

import io.troupe.config.Direction;
import io.troupe.trial.TrialResult;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Progress on stderr: one line per finished trial, then a status line with trials done/total,
 * running, failed, diverged, the best objective so far and an ETA from the mean trial time.
 */
public final class SweepProgress {
  /** Told of every trial that ends, after its progress lines (a live report rewrites itself from it). */
  @FunctionalInterface
  public interface Listener {
    void finished(TrialResult result);
  }

  private final PrintStream out;
  private final Listener listener;
  private final String metric;
  private final Direction direction;
  private final long start = System.nanoTime();
  private int total;
  private int done;
  private int ranHere;
  private int failed;
  private int diverged;
  private double best = Double.NaN;
  private String bestTrial = "-";

  public SweepProgress(PrintStream out, String metric, Direction direction) {
    this(out, metric, direction, r -> {});
  }

  public SweepProgress(PrintStream out, String metric, Direction direction, Listener listener) {
    this.out = out;
    this.metric = metric;
    this.direction = direction;
    this.listener = listener;
  }

  /** A line of context: a repaired file, a narrowed range, a promotion. */
  public void note(String line) {
    out.println(line);
  }

  void plan(int trials, int alreadyEnded) {
    total = trials;
    out.printf("sweep: %d trials, %d already ended, %d to run%n", trials, alreadyEnded, trials - alreadyEnded);
    done = alreadyEnded;
  }

  /** The study now expects this many trials in all (successive halving adds one per promotion). */
  void expect(int trials) {
    total = Math.max(total, trials);
  }

  void finished(TrialResult r, int running, int slots) {
    done++;
    ranHere++;
    if (r instanceof TrialResult.Failed) {
      failed++;
    } else if (r instanceof TrialResult.Diverged) {
      diverged++;
    }
    Double value = r.info().metrics().get(metric);
    if (value != null && Double.isFinite(value) && (Double.isNaN(best) || better(value, best))) {
      best = value;
      bestTrial = r.info().trialId();
    }
    out.printf("  %s %-9s %s %s  %s  (%.1fs)%n", r.info().trialId(), r.status(), metric,
        value == null || !Double.isFinite(value) ? "-" : String.format("%.4f", value), params(r.info().params()),
        r.info().wallSeconds());
    out.printf("[%d/%d done, %d running, %d failed, %d diverged] best %s %s (%s)  ETA %s%n", done, total, running,
        failed, diverged, metric, Double.isNaN(best) ? "-" : String.format("%.4f", best), bestTrial, eta());
    listener.finished(r);
  }

  private boolean better(double a, double b) {
    return direction == Direction.MAXIMIZE ? a > b : a < b;
  }

  private String eta() {
    double elapsed = (System.nanoTime() - start) / 1e9;
    int remaining = total - done;
    if (remaining <= 0 || ranHere == 0) {
      return remaining <= 0 ? "0s" : "?";
    }
    // Trials ended in an earlier run (--resume) took no time in this one.
    double perTrial = elapsed / ranHere;
    long seconds = Math.round(perTrial * remaining);
    return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
  }

  static String params(Map<String, Object> params) {
    return params.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
        .collect(Collectors.joining(" "));
  }

  static String format(Object value) {
    if (value instanceof Double d) {
      return String.format("%.4g", d);
    }
    return String.valueOf(value);
  }
}
