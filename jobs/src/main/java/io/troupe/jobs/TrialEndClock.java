package io.troupe.jobs;

import io.troupe.driver.sweep.SweepProgress;
import io.troupe.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * When each trial of a sweep ended, as its progress reports it, passed on to the sweep's own
 * listener (the live report). The time between trial ends is the driver's cost per trial once the
 * trials themselves do no work: start-up before the first end and the run's outputs after the last
 * are apart from it.
 */
final class TrialEndClock implements SweepProgress.Listener {
  private final SweepProgress.Listener next;
  private final LongSupplier nanos;
  private final List<Long> ends = new ArrayList<>();

  TrialEndClock(SweepProgress.Listener next, LongSupplier nanos) {
    this.next = next;
    this.nanos = nanos;
  }

  @Override
  public synchronized void finished(TrialResult result) {
    ends.add(nanos.getAsLong());
    next.finished(result);
  }

  synchronized int trials() {
    return ends.size();
  }

  synchronized long firstEnd() {
    return ends.get(0);
  }

  synchronized long lastEnd() {
    return ends.get(ends.size() - 1);
  }

  /** Milliseconds per trial from the first end to the last. */
  synchronized double msPerTrial() {
    return msPerTrial(0, ends.size() - 1);
  }

  /** Milliseconds per trial over the last {@code window} trial ends (all of them if there are fewer). */
  synchronized double msPerTrialOfLast(int window) {
    return msPerTrial(Math.max(0, ends.size() - 1 - window), ends.size() - 1);
  }

  private double msPerTrial(int from, int to) {
    if (to <= from) {
      throw new IllegalStateException("a per-trial time needs two trial ends, got " + ends.size());
    }
    return (ends.get(to) - ends.get(from)) / 1e6 / (to - from);
  }
}
