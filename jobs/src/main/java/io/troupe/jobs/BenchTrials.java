package io.troupe.jobs;

import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;

/** A benchmark's trials through one dispatcher, every slot kept busy; a trial that does not complete stops the benchmark. */
final class BenchTrials {
  private BenchTrials() {}

  /** The trials' results, in the order they ended. */
  static List<TrialResult.Completed> runAll(TrialDispatcher dispatcher, List<TrialSpec> trials, String arm)
      throws InterruptedException {
    List<TrialResult.Completed> results = new ArrayList<>();
    int next = 0;
    while (results.size() < trials.size()) {
      while (dispatcher.hasFreeSlot() && next < trials.size()) {
        dispatcher.submit(trials.get(next++));
      }
      TrialResult r = dispatcher.next();
      if (!(r instanceof TrialResult.Completed c)) {
        throw new IllegalStateException("bench trial " + r.info().trialId() + " of " + arm + " ended " + r.status()
            + (r instanceof TrialResult.Failed f ? ": " + f.message() : ""));
      }
      results.add(c);
    }
    return results;
  }
}
