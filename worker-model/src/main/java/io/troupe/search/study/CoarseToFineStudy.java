package io.troupe.search.study;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.ParamDomain;
import io.troupe.config.RepeatRanking;
import io.troupe.config.StageSpec;
import io.troupe.data.Seeds;
import io.troupe.search.CoarseToFine;
import io.troupe.search.ConfigurationScore;
import io.troupe.search.RandomSampler;
import io.troupe.search.ScoredTrial;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Seeds 001/002's coarse-to-fine search: stage 1 samples the full ranges with few epochs; each
 * later stage samples ranges narrowed around the previous stage's top-k (in log space for log
 * domains; by the mean of a configuration's repeats) and trains longer. A stage starts once every
 * trial of the one before has been told.
 */
public final class CoarseToFineStudy implements Study {
  private final ExperimentSpec spec;
  private final Consumer<String> notes;
  private final List<StageSpec> stages;
  private final String metric;
  private Map<String, ParamDomain> space;
  private int stage = -1;
  private final Backlog backlog = new Backlog();
  private final List<Told> stageResults = new ArrayList<>();

  public CoarseToFineStudy(ExperimentSpec spec, Consumer<String> notes) {
    this.spec = spec;
    this.notes = notes;
    this.stages = spec.search().stages();
    this.metric = spec.objectiveMetric().configName();
    this.space = spec.search().space();
    startStage(0);
  }

  @Override
  public Optional<TrialSpec> ask() {
    if (backlog.idle() && stage + 1 < stages.size()) {
      narrow();
      startStage(stage + 1);
    }
    return backlog.next();
  }

  @Override
  public void tell(Told result) {
    backlog.told();
    stageResults.add(result);
  }

  @Override
  public boolean finished() {
    return stage + 1 == stages.size() && backlog.idle();
  }

  @Override
  public int expected() {
    return stages.stream().mapToInt(s -> s.trials() * spec.search().repeats()).sum();
  }

  private void startStage(int s) {
    stage = s;
    stageResults.clear();
    StageSpec current = stages.get(s);
    notes.accept(String.format("stage %d/%d: %d trials x %d epochs", s + 1, stages.size(), current.trials(),
        current.epochs()));
    List<Map<String, Object>> sampled = RandomSampler.samples(space,
        Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM + s + 1), current.trials());
    backlog.add(TrialPlanner.trials(spec, "s" + (s + 1) + "-", sampled, Map.of("train.epochs", current.epochs())));
  }

  private void narrow() {
    StageSpec next = stages.get(stage + 1);
    Map<String, ParamDomain> narrowed = CoarseToFine.narrow(space, scored(), next.topK(), next.margin(),
        spec.objectiveDirection());
    CoarseToFine.describe(space, narrowed).forEach(line -> notes.accept("  narrowed " + line));
    space = narrowed;
  }

  /** The stage's trials as the narrowing ranks them: one per configuration, by the mean of its repeats, unless objective.repeats is each. */
  private List<ScoredTrial> scored() {
    List<ScoredTrial> trials = stageResults.stream()
        .map(t -> new ScoredTrial(t.trialId(), t.params(), t.metric(metric))).toList();
    if (spec.search().repeats() == 1 || spec.objective().repeats() == RepeatRanking.EACH) {
      return trials;
    }
    return ConfigurationScore.of(trials, spec.objectiveDirection()).stream()
        .map(c -> new ScoredTrial(c.configurationId(), c.params(), c.mean())).toList();
  }
}
