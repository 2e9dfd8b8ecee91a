package io.troupe.search.study;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ParamDomain;
import io.troupe.data.Seeds;
import io.troupe.search.GridSampler;
import io.troupe.search.RandomSampler;
import io.troupe.search.Repeats;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a config's search section into trial specs: each trial is the config with its sampled
 * values applied at their paths (validated like a config file) and a seed derived from the
 * experiment seed and the trial id, never from scheduling order.
 */
public final class TrialPlanner {
  /** The random sampler's stream, apart from the trials' own seeds. */
  public static final long SEARCH_STREAM = 0x5EA4C4L;

  private TrialPlanner() {}

  public static String trialId(String prefix, int index) {
    return String.format("%st%04d", prefix, index + 1);
  }

  /** The trials of a grid, random or single-trial search. */
  public static List<TrialSpec> plan(ExperimentSpec spec) {
    Map<String, ParamDomain> space = spec.search().space();
    return switch (spec.search().strategy()) {
      case NONE -> trials(spec, "", List.of(Map.of()), Map.of());
      case GRID -> trials(spec, "", GridSampler.enumerate(space), Map.of());
      case RANDOM -> trials(spec, "", RandomSampler.samples(space, Seeds.derive(spec.seed(), SEARCH_STREAM),
          spec.search().trials()), Map.of());
      default -> throw new IllegalArgumentException("staged strategy " + spec.search().strategy()
          + " is planned stage by stage (SweepRunner)");
    };
  }

  /**
   * Trial specs for sampled values, with {@code fixed} (e.g. a stage's epochs) applied too; each
   * configuration search.repeats times, its repeats side by side.
   */
  public static List<TrialSpec> trials(ExperimentSpec spec, String prefix, List<Map<String, Object>> sampled,
      Map<String, Object> fixed) {
    List<TrialSpec> trials = new ArrayList<>();
    for (int i = 0; i < sampled.size(); i++) {
      trials.addAll(configuration(spec, prefix, i, sampled.get(i), fixed));
    }
    return trials;
  }

  /** Configuration {@code index}'s trials: its values (and {@code fixed}) applied, search.repeats times. */
  public static List<TrialSpec> configuration(ExperimentSpec spec, String prefix, int index,
      Map<String, Object> sampled, Map<String, Object> fixed) {
    Map<String, Object> values = new java.util.HashMap<>(sampled);
    values.putAll(fixed);
    ExperimentSpec resolved = ConfigLoader.withValues(spec, values);
    int repeats = spec.search().repeats();
    List<TrialSpec> trials = new ArrayList<>();
    for (int r = 1; r <= repeats; r++) {
      TrialSpec trial = TrialSpec.of(resolved, Repeats.trialId(trialId(prefix, index), r, repeats), sampled);
      trials.add(spec.search().pairedSeeds() ? trial.withSeed(Repeats.pairedSeed(spec.seed(), r)) : trial);
    }
    return trials;
  }
}
