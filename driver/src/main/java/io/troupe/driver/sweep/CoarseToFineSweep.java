package io.troupe.driver.sweep;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.ParamDomain;
import io.troupe.config.RepeatRanking;
import io.troupe.config.StageSpec;
import io.troupe.data.Seeds;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.CoarseToFine;
import io.troupe.search.RandomSampler;
import io.troupe.search.ScoredTrial;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds 001/002's coarse-to-fine search: stage 1 samples the full ranges with few epochs; each
 * later stage samples ranges narrowed around the previous stage's top-k (in log space for log
 * domains) and trains longer. Narrowing reads the stored results, so --resume rebuilds the same
 * stages.
 */
final class CoarseToFineSweep {
  private final ExperimentSpec spec;
  private final SweepRunner runner;

  CoarseToFineSweep(ExperimentSpec spec, SweepRunner runner) {
    this.spec = spec;
    this.runner = runner;
  }

  void run(TrialDispatcher dispatcher) throws IOException, InterruptedException {
    Map<String, ParamDomain> space = spec.search().space();
    List<StageSpec> stages = spec.search().stages();
    String metric = spec.objectiveMetric().configName();
    for (int s = 0; s < stages.size(); s++) {
      StageSpec stage = stages.get(s);
      runner.progress().note(String.format("stage %d/%d: %d trials x %d epochs", s + 1, stages.size(),
          stage.trials(), stage.epochs()));
      List<Map<String, Object>> sampled = RandomSampler.samples(space,
          Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM + s + 1), stage.trials());
      List<TrialSpec> trials = TrialPlanner.trials(spec, "s" + (s + 1) + "-", sampled,
          Map.of("train.epochs", stage.epochs()));
      Map<String, StoredTrial> results = runner.runTrials(trials, dispatcher);
      if (runner.stopped() || s + 1 == stages.size()) {
        return;
      }
      StageSpec next = stages.get(s + 1);
      Map<String, ParamDomain> narrowed = CoarseToFine.narrow(space, scored(results, metric), next.topK(), next.margin(),
          spec.objectiveDirection());
      CoarseToFine.describe(space, narrowed).forEach(line -> runner.progress().note("  narrowed " + line));
      space = narrowed;
    }
  }

  /** The stage's trials as the narrowing ranks them: one per configuration, by the mean of its repeats, unless objective.repeats is each. */
  private List<ScoredTrial> scored(Map<String, StoredTrial> results, String metric) {
    List<StoredTrial> trials = new ArrayList<>(results.values());
    if (spec.search().repeats() == 1 || spec.objective().repeats() == RepeatRanking.EACH) {
      return trials.stream().map(t -> new ScoredTrial(t.trialId(), t.params(), t.metric(metric))).toList();
    }
    return Leaderboard.configurations(trials, metric, spec.objectiveDirection()).stream()
        .map(c -> new ScoredTrial(c.configurationId(), c.params(), c.mean())).toList();
  }
}
