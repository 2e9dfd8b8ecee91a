package io.troupe.search.study;

import io.troupe.trial.TrialSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Trials known up front (grid, a single trial, ensemble members), asked in order. */
public final class FixedStudy implements Study {
  private final Deque<TrialSpec> waiting;
  private final int size;
  private int awaited;

  public FixedStudy(List<TrialSpec> trials) {
    this.waiting = new ArrayDeque<>(trials);
    this.size = trials.size();
  }

  @Override
  public Optional<TrialSpec> ask() {
    TrialSpec next = waiting.poll();
    if (next != null) {
      awaited++;
    }
    return Optional.ofNullable(next);
  }

  @Override
  public void tell(Told result) {
    awaited--;
  }

  @Override
  public boolean finished() {
    return waiting.isEmpty() && awaited == 0;
  }

  @Override
  public int expected() {
    return size;
  }
}
