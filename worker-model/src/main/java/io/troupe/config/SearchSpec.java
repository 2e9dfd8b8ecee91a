package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;
import java.util.List;
import java.util.Map;

/** Which trials to run. Each space key is a config path; each trial overrides those paths. */
@Doc("Which trials to run. Each key of search.space is a config path (any field), each value a domain.")
public record SearchSpec(
    @Doc("none (the config is one trial), grid, random, coarse-to-fine, asha, hyperband, pbt or tpe (a search that learns from the trials told so far).")
    @Default("none") SearchStrategy strategy,
    @Doc("random, tpe, asha and hyperband: number of trials sampled (hyperband splits them across its brackets; with repeats, tpe's are configurations).")
    @Default("20") @Min(1) int trials,
    @Doc("Search dimensions: config path -> domain, e.g. train.optimizer.lr: {logUniform: [1.0e-5, 1.0e-1]}. Domains: {uniform: [a, b]}, {logUniform: [a, b]}, {int: [a, b]} (inclusive), {choice: [v1, v2, ...]}; uniform and logUniform take points: n for grid search.")
    @Default("{}") Map<String, ParamDomain> space,
    @Doc("coarse-to-fine: the stages, in order. Each narrows the ranges around the previous stage's top-k and usually runs longer.")
    @Default("[]") List<StageSpec> stages,
    @Doc("asha: successive-halving rungs.")
    AshaSpec asha,
    @Doc("hyperband: ASHA brackets with rising first rungs.")
    HyperbandSpec hyperband,
    @Doc("pbt: population-based training.")
    PbtSpec pbt,
    @Doc("tpe: the Parzen-estimator sampler (Bergstra et al. 2011), Optuna 3.1's defaults.")
    TpeSpec tpe,
    @Doc("On --resume, how many times a FAILED trial is rerun before it is left as failed.")
    @Default("2") @Min(0) int maxFailures,
    @Doc("The sweep stops with a clear message once this many trials have failed.")
    @Default("10") @Min(1) int maxFailedTrials,
    @Doc("Trains each sampled configuration this many times with different seeds (trial ids tNNNN-repK), so a setting is not confounded with a seed; the leaderboard then shows mean, standard deviation and best per configuration. Not with asha, hyperband or pbt.")
    @Default("1") @Min(1) int repeats,
    @Doc("With repeats: give every configuration the same seeds (repeat k has one seed for all), so grid cells are paired comparisons. Else each trial's seed derives from its id.")
    @Default("false") boolean pairedSeeds)
    implements CrossChecked {

  public SearchSpec {
    space = Map.copyOf(space);
    stages = List.copyOf(stages);
  }

  @Override
  public void crossCheck(Checks checks) {
    if (strategy != SearchStrategy.NONE && space.isEmpty()) {
      checks.fail("space", "empty, but search.strategy is " + strategy.configName()
          + "; add at least one dimension, e.g. train.optimizer.lr: {logUniform: [1.0e-4, 1.0e-1]}");
    }
    if (strategy == SearchStrategy.NONE && !space.isEmpty()) {
      checks.fail("space", "given, but search.strategy is none; set search.strategy (grid, random, coarse-to-fine, asha, hyperband, pbt or tpe)");
    }
    if (strategy == SearchStrategy.GRID) {
      space.forEach((path, domain) -> {
        if (!domain.isGriddable()) {
          checks.fail("space." + path, "grid search needs a finite domain: use {choice: [...]}, {int: [a, b]}, or add points: n");
        }
      });
    }
    if (strategy == SearchStrategy.COARSE_TO_FINE && stages.size() < 2) {
      checks.fail("stages", "coarse-to-fine needs at least 2 stages, got " + stages.size());
    }
    if (strategy != SearchStrategy.COARSE_TO_FINE && !stages.isEmpty()) {
      checks.fail("stages", "only used by coarse-to-fine, but search.strategy is " + strategy.configName());
    }
    if (repeats > 1 && strategy == SearchStrategy.ASHA) {
      checks.fail("repeats", "asha promotes single trials by their rung score, so it cannot rank repeats by their mean;"
          + " use grid, random or coarse-to-fine with repeats, or leave search.repeats at 1");
    }
    if (repeats > 1 && (strategy == SearchStrategy.HYPERBAND || strategy == SearchStrategy.PBT)) {
      checks.fail("repeats", strategy.configName() + " continues single trials by their own scores, so it cannot rank"
          + " repeats by their mean; use grid, random or coarse-to-fine with repeats, or leave search.repeats at 1");
    }
    if (strategy == SearchStrategy.HYPERBAND && trials < hyperband.bracketCount()) {
      checks.fail("trials", "hyperband needs at least one trial per bracket (" + hyperband.bracketCount() + "), got "
          + trials);
    }
    if (strategy == SearchStrategy.PBT && pbt.mutable().isEmpty()) {
      checks.fail("pbt.mutable", "pbt needs at least one path to perturb, e.g. [train.optimizer.lr]");
    }
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i).topK() > stages.get(i - 1).trials()) {
        checks.fail("stages[" + i + "].topK", "must be <= the previous stage's trials ("
            + stages.get(i - 1).trials() + "), got " + stages.get(i).topK());
      }
    }
  }
}
