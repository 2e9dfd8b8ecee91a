package io.troupe.driver.sweep;

import io.troupe.config.Direction;
import io.troupe.driver.store.StoredTrial;
import java.util.Comparator;
import java.util.List;

/** Ranks stored trials by the objective (a validation metric; never a test figure). */
public final class Leaderboard {
  private Leaderboard() {}

  /** Trials with a finite objective, best first (ties by trial id); the rest after, in id order. */
  public static List<StoredTrial> rank(List<StoredTrial> trials, String metric, Direction direction) {
    Comparator<StoredTrial> order = Comparator
        .comparing((StoredTrial t) -> !Double.isFinite(t.metric(metric)))
        .thenComparing((a, b) -> compareScores(a.metric(metric), b.metric(metric), direction))
        .thenComparing(StoredTrial::trialId);
    return trials.stream().sorted(order).toList();
  }

  /** Better first; unscored trials compare equal here (they are already grouped last). */
  private static int compareScores(double a, double b, Direction direction) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      return 0;
    }
    return direction == Direction.MAXIMIZE ? Double.compare(b, a) : Double.compare(a, b);
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
