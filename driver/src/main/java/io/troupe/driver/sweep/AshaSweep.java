package io.troupe.driver.sweep;

import io.troupe.InvalidInputException;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.dispatch.TrialDispatcher;

/** Placeholder until successive halving lands: asha is refused up front as bad input. */
final class AshaSweep {
  AshaSweep(ExperimentSpec spec, SweepRunner runner) {}

  void run(TrialDispatcher dispatcher) {
    throw new InvalidInputException("search.strategy: asha is not available in this version yet; use random, grid or coarse-to-fine");
  }
}
