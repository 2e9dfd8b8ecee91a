package io.troupe.driver.sweep;

import io.troupe.config.Direction;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.Ranking;
import java.util.List;

/** Ranks stored trials by the objective (a validation metric; never a test figure). */
public final class Leaderboard {
  private Leaderboard() {}

  /**
   * Trials with a finite objective, best first (ties by trial id); the rest after, in id order.
   * The report ranks by this too, so the two never disagree.
   */
  public static List<StoredTrial> rank(List<StoredTrial> trials, String metric, Direction direction) {
    return trials.stream()
        .sorted(Ranking.bestFirst(direction, (StoredTrial t) -> t.metric(metric), StoredTrial::trialId))
        .toList();
  }

  /** The top rows as a fixed-width table for stdout. */
  public static String render(List<StoredTrial> ranked, String metric, int rows) {
    StringBuilder s = new StringBuilder(String.format("%-4s %-12s %-9s %-12s %-12s %s%n", "rank", "trial", "status",
        metric, "test_acc", "params"));
    int rank = 0;
    for (StoredTrial t : ranked.subList(0, Math.min(rows, ranked.size()))) {
      rank++;
      s.append(String.format("%-4d %-12s %-9s %-12s %-12s %s%n", rank, t.trialId(), t.status(),
          number(t.metric(metric)), number(t.metric("test_accuracy")), SweepProgress.params(t.params())));
    }
    return s.toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format("%.4f", v) : "-";
  }
}
