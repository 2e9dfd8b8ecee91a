package io.troupe.jobs.report;

import io.troupe.config.Direction;
import io.troupe.driver.ensemble.SweepSelection;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.ConfigurationScore;
import io.troupe.search.ScoredTrial;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configurations trained more than once: COMPLETED trials whose searched params are equal (the
 * same point of a search run with different seeds, as search.repeats does), grouped, with the mean, sample
 * standard deviation and best of the objective per group, best mean first. Of an ASHA trial only
 * its last rung counts: its earlier rungs are the same training, cut shorter.
 */
final class Repeats {
  private Repeats() {}

  /** One configuration and the trials that ran it. */
  record Group(Map<String, Object> params, List<StoredTrial> trials, double mean, double sd, double best) {
    Group {
      trials = List.copyOf(trials);
    }

    int n() {
      return trials.size();
    }
  }

  /** The groups of two or more scored trials, best mean first (ties by their first trial's id). */
  static List<Group> of(List<StoredTrial> trials, ScoreMetric metric) {
    Map<Map<String, Object>, List<StoredTrial>> byParams = new LinkedHashMap<>();
    scored(trials, metric).forEach(t -> byParams.computeIfAbsent(t.params(), p -> new ArrayList<>()).add(t));
    List<Group> groups = new ArrayList<>();
    byParams.forEach((params, members) -> {
      if (members.size() >= 2) {
        groups.add(group(params, members, metric));
      }
    });
    Comparator<Group> byMean = Comparator.comparingDouble(Group::mean);
    groups.sort((metric.largerIsBetter() ? byMean.reversed() : byMean)
        .thenComparing(g -> g.trials().get(0).trialId()));
    return groups;
  }

  /** How many scored configurations ran only once. */
  static int singles(List<StoredTrial> trials, ScoreMetric metric) {
    Map<Map<String, Object>, Integer> counts = new LinkedHashMap<>();
    scored(trials, metric).forEach(t -> counts.merge(t.params(), 1, Integer::sum));
    return (int) counts.values().stream().filter(c -> c == 1).count();
  }

  /**
   * The trials that count: COMPLETED with a score and searched params (an ensemble's members have
   * none, and differ in ways params do not say: a snapshot run's schedule, a bag's sample).
   */
  private static List<StoredTrial> scored(List<StoredTrial> trials, ScoreMetric metric) {
    return SweepSelection.lastRungs(trials.stream().filter(t -> t.status() == TrialStatus.COMPLETED
        && !t.params().isEmpty() && Double.isFinite(t.metric(metric.name()))).toList());
  }

  private static Group group(Map<String, Object> params, List<StoredTrial> members, ScoreMetric metric) {
    List<ScoredTrial> scored = members.stream()
        .map(t -> new ScoredTrial(t.trialId(), t.params(), t.metric(metric.name()))).toList();
    ConfigurationScore score = ConfigurationScore.summarise(members.get(0).trialId(), scored,
        metric.largerIsBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE);
    return new Group(params, members, score.mean(), score.sd(), score.best());
  }
}
