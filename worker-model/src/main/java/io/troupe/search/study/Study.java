package io.troupe.search.study;

import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.List;
import java.util.Optional;

/**
 * A search strategy as an ask/tell object: the study runner asks it for trials while slots are
 * free and tells it each result as it arrives. A strategy decides only what to run; dispatch, the
 * store, failures and progress are the runner's. Deterministic: the same asks and tells in the
 * same order give the same trials, so --resume rebuilds a study by replaying stored results.
 */
public interface Study {
  /** The next trial to start, or empty when none can start until a running one is told (or none is left). */
  Optional<TrialSpec> ask();

  /** A trial this study asked for has ended (or its stored result is replayed). */
  void tell(Told result);

  /** Nothing more will be asked and no asked trial is awaited. */
  boolean finished();

  /** The trials this study expects to ask in all, as far as it knows now (ASHA adds promotions). */
  int expected();

  /** Records the study adds once finished, without training: ASHA's pruned trials. */
  default List<TrialResult> closing() {
    return List.of();
  }
}
