package io.troupe.search.bench;

import io.troupe.config.Direction;
import io.troupe.config.ParamDomain;
import io.troupe.search.RandomSampler;
import io.troupe.search.tpe.Observation;
import io.troupe.search.tpe.TpeSampler;
import io.troupe.search.tpe.TpeSettings;
import java.util.List;
import java.util.Map;

/** The searches the benchmark compares, each asked one trial at a time with nothing pending. */
public enum SearchMethod {
  RANDOM("random"),
  TPE_INDEPENDENT("tpe"),
  TPE_MULTIVARIATE("tpe_multivariate");

  /** The name in tables and in Optuna's results file (deploy/bench/optuna_search.py). */
  private final String label;

  SearchMethod(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Trial i's values given the observations so far. */
  @FunctionalInterface
  public interface Asker {
    Map<String, Object> ask(int trial, List<Observation> observed);
  }

  /** This method over {@code space}, minimising, with {@code seed}. */
  public Asker asker(Map<String, ParamDomain> space, long seed) {
    if (this == RANDOM) {
      return (trial, observed) -> RandomSampler.sample(space, seed, trial);
    }
    TpeSampler tpe = new TpeSampler(space, Direction.MINIMIZE,
        TpeSettings.DEFAULTS.withMultivariate(this == TPE_MULTIVARIATE), seed);
    return (trial, observed) -> tpe.suggest(trial, observed, List.of());
  }
}
