package io.troupe.jobs.report;

import io.troupe.config.Direction;
import io.troupe.config.Metric;
import io.troupe.config.ObjectiveSpec;
import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.Leaderboard;
import io.troupe.trial.TrialStatus;
import java.util.List;

/**
 * The COMPLETED trials with a score, best first in the sweep leaderboard's order: by the objective
 * the run's run.json records. A run an earlier Troupe wrote has no run.json and is ranked as
 * earlier reports ranked it: by val_accuracy when any trial has one; otherwise (regression)
 * val_mse if recorded, else val_loss, lower being better.
 *
 * @param fromManifest whether the objective is the run's own (false: chosen from the metrics)
 */
record TrialRanking(ScoreMetric metric, List<StoredTrial> ranked, boolean fromManifest) {

  TrialRanking {
    ranked = List.copyOf(ranked);
  }

  /** @param manifest the run's run.json, or null when it has none */
  static TrialRanking of(List<StoredTrial> trials, RunManifest manifest) {
    if (manifest == null) {
      Metric metric = metricOf(trials);
      return ranked(trials, metric, metric.naturalDirection(), false);
    }
    ObjectiveSpec objective = manifest.objective();
    return ranked(trials, objective.metric(), objective.direction(), true);
  }

  private static TrialRanking ranked(List<StoredTrial> trials, Metric metric, Direction direction,
      boolean fromManifest) {
    String name = metric.configName();
    List<StoredTrial> ranked = Leaderboard.rank(trials, name, direction).stream()
        .filter(t -> t.status() == TrialStatus.COMPLETED && Double.isFinite(t.metric(name)))
        .toList();
    return new TrialRanking(new ScoreMetric(name, direction == Direction.MAXIMIZE), ranked, fromManifest);
  }

  List<StoredTrial> top(int n) {
    return ranked.subList(0, Math.min(n, ranked.size()));
  }

  /** The metric a run without run.json is scored by, chosen from what its trials recorded. */
  private static Metric metricOf(List<StoredTrial> trials) {
    for (Metric metric : List.of(Metric.VAL_ACCURACY, Metric.VAL_MSE)) {
      if (trials.stream().anyMatch(t -> Double.isFinite(t.metric(metric.configName())))) {
        return metric;
      }
    }
    return Metric.VAL_LOSS;
  }
}
