package io.troupe.search.study;

import io.troupe.trial.TrialSpec;
import java.util.List;
import java.util.Optional;

/** Trials known up front (grid, a single trial, ensemble members), asked in order. */
public final class FixedStudy implements Study {
  private final Backlog backlog = new Backlog();
  private final int size;

  public FixedStudy(List<TrialSpec> trials) {
    backlog.add(trials);
    this.size = trials.size();
  }

  @Override
  public Optional<TrialSpec> ask() {
    return backlog.next();
  }

  @Override
  public void tell(Told result) {
    backlog.told();
  }

  @Override
  public boolean finished() {
    return backlog.idle();
  }

  @Override
  public int expected() {
    return size;
  }
}
