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

  /**
   * The top rows as a fixed-width table for stdout. Test figures are left out unless asked for
   * (seed 004: choose on validation; a test column invites choosing on it).
   *
   * @param showTest add the test figure: accuracy, or MSE where the trials have no accuracy (regression)
   */
  public static String render(List<StoredTrial> ranked, String metric, int rows, boolean showTest) {
    List<StoredTrial> top = ranked.subList(0, Math.min(rows, ranked.size()));
    String test = top.stream().anyMatch(t -> Double.isFinite(t.metric("test_accuracy"))) ? "test_accuracy" : "test_mse";
    StringBuilder s = new StringBuilder(String.format("%-4s %-12s %-9s %-13s %s%s%n", "rank", "trial", "status",
        metric, showTest ? String.format("%-13s ", test) : "", "params"));
    int rank = 0;
    for (StoredTrial t : top) {
      rank++;
      s.append(String.format("%-4d %-12s %-9s %-13s %s%s%n", rank, t.trialId(), t.status(), number(t.metric(metric)),
          showTest ? String.format("%-13s ", number(t.metric(test))) : "", SweepProgress.params(t.params())));
    }
    if (!showTest) {
      s.append("(test figures hidden: choose on validation, seed 004; --show-test shows them)\n");
    }
    return s.toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format("%.4f", v) : "-";
  }
}
