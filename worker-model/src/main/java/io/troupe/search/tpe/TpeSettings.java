package io.troupe.search.tpe;

/**
 * TPE's settings; {@link #DEFAULTS} are Optuna 3.1's TPESampler defaults (independent, as its own).
 *
 * @param startupTrials observations before TPE takes over; until then trials are random search's
 * @param eiCandidates draws from the good group's density; the one with the largest density ratio wins
 * @param multivariate one joint density over all dimensions (true), or one per dimension
 * @param priorWeight the prior's weight beside each observation's weight of 1 (at most)
 */
public record TpeSettings(int startupTrials, int eiCandidates, boolean multivariate, double priorWeight) {
  /**
   * Independent: on the benchmark functions (docs/benchmarks.md, "Search: TPE against Optuna") its
   * median regret at 100 trials was lower than multivariate TPE's on 3 of 4 and level on the 4th
   * (geometric mean 0.75x); multivariate led at 50 trials (1.11x), so short searches may prefer it.
   */
  public static final TpeSettings DEFAULTS = new TpeSettings(10, 24, false, 1.0);

  public TpeSettings {
    if (startupTrials < 0) {
      throw new IllegalArgumentException("startupTrials must be >= 0, got " + startupTrials);
    }
    if (eiCandidates < 1) {
      throw new IllegalArgumentException("eiCandidates must be >= 1, got " + eiCandidates);
    }
    if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
      throw new IllegalArgumentException("priorWeight must be > 0 and finite, got " + priorWeight);
    }
  }

  public TpeSettings withMultivariate(boolean on) {
    return new TpeSettings(startupTrials, eiCandidates, on, priorWeight);
  }
}
