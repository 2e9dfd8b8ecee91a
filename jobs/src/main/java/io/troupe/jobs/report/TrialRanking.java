package io.troupe.jobs.report;

import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.util.Comparator;
import java.util.List;

/**
 * The COMPLETED trials with a score, best first. The score is val_accuracy when any trial has one;
 * otherwise (regression) val_mse if recorded, else val_loss, lower being better.
 */
record TrialRanking(ScoreMetric metric, List<StoredTrial> ranked) {
  TrialRanking {
    ranked = List.copyOf(ranked);
  }

  static TrialRanking of(List<StoredTrial> trials) {
    ScoreMetric metric = metricOf(trials);
    Comparator<StoredTrial> byScore = Comparator.comparingDouble(t -> t.metric(metric.name()));
    List<StoredTrial> ranked = trials.stream()
        .filter(t -> t.status() == TrialStatus.COMPLETED && Double.isFinite(t.metric(metric.name())))
        .sorted(metric.largerIsBetter() ? byScore.reversed() : byScore)
        .toList();
    return new TrialRanking(metric, ranked);
  }

  List<StoredTrial> top(int n) {
    return ranked.subList(0, Math.min(n, ranked.size()));
  }

  /** The metric the trials are scored by, chosen from what they recorded. */
  static ScoreMetric metricOf(List<StoredTrial> trials) {
    for (String name : List.of("val_accuracy", "val_mse")) {
      if (trials.stream().anyMatch(t -> Double.isFinite(t.metric(name)))) {
        return new ScoreMetric(name, name.equals("val_accuracy"));
      }
    }
    return new ScoreMetric("val_loss", false);
  }
}
