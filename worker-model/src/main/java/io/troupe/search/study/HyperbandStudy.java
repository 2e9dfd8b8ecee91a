package io.troupe.search.study;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.HyperbandSpec;
import io.troupe.data.Seeds;
import io.troupe.search.AshaScheduler;
import io.troupe.search.HyperbandBrackets;
import io.troupe.search.RandomSampler;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asynchronous Hyperband: one {@link AshaStudy} per bracket ({@link HyperbandBrackets}), bracket s
 * with ids {@code bS-tNNNN-rK}, asked in turn so the brackets progress side by side. The trials
 * are one random sample of search.trials configurations, the first ones to bracket 0, the next to
 * bracket 1 and so on; each bracket ranks and promotes only its own trials.
 */
public final class HyperbandStudy implements Study {
  private final List<AshaStudy> brackets = new ArrayList<>();
  /** The bracket asked first next time: the one after the last that gave a trial. */
  private int next;

  public HyperbandStudy(ExperimentSpec spec, Consumer<String> notes) {
    HyperbandSpec hyperband = spec.search().hyperband();
    List<Map<String, Object>> sampled = RandomSampler.samples(spec.search().space(),
        Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM), spec.search().trials());
    int from = 0;
    for (HyperbandBrackets.Bracket b : HyperbandBrackets.plan(hyperband.minEpochs(), hyperband.maxEpochs(),
        hyperband.reduction(), hyperband.bracketCount(), spec.search().trials())) {
      AshaScheduler scheduler = new AshaScheduler(b.minEpochs(), hyperband.maxEpochs(), hyperband.reduction(),
          spec.objectiveDirection());
      brackets.add(new AshaStudy(spec, notes, "hyperband bracket b" + b.index() + ", " + b.trials() + " trials,",
          prefix(b.index()), scheduler, sampled.subList(from, from + b.trials())));
      from += b.trials();
    }
  }

  static String prefix(int bracket) {
    return "b" + bracket + "-";
  }

  @Override
  public Optional<TrialSpec> ask() {
    for (int i = 0; i < brackets.size(); i++) {
      int b = (next + i) % brackets.size();
      Optional<TrialSpec> trial = brackets.get(b).ask();
      if (trial.isPresent()) {
        next = (b + 1) % brackets.size();
        return trial;
      }
    }
    return Optional.empty();
  }

  @Override
  public void tell(Told result) {
    String id = result.trialId();
    brackets.get(Integer.parseInt(id.substring(1, id.indexOf('-')))).tell(result);
  }

  @Override
  public boolean finished() {
    return brackets.stream().allMatch(AshaStudy::finished);
  }

  @Override
  public int expected() {
    return brackets.stream().mapToInt(AshaStudy::expected).sum();
  }

  /** Every bracket's trials not promoted past their last rung, as PRUNED records. */
  @Override
  public List<TrialResult> closing() {
    return brackets.stream().flatMap(b -> b.closing().stream()).toList();
  }
}
