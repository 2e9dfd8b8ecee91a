package io.troupe.search.study;

import io.troupe.config.ExperimentSpec;
import java.util.function.Consumer;

/** The study a config's search.strategy names. */
public final class Studies {
  private Studies() {}

  /** @param notes where the study's context lines go (stages narrowed, promotions) */
  public static Study of(ExperimentSpec spec, Consumer<String> notes) {
    return switch (spec.search().strategy()) {
      case NONE, GRID, RANDOM -> new FixedStudy(TrialPlanner.plan(spec));
      case COARSE_TO_FINE -> new CoarseToFineStudy(spec, notes);
      case ASHA -> new AshaStudy(spec, notes);
      case HYPERBAND -> new HyperbandStudy(spec, notes);
      case PBT -> new PbtStudy(spec, notes);
      case TPE -> new TpeStudy(spec);
    };
  }
}
