package io.troupe.jobs.mllib;

import java.util.List;
import java.util.Optional;

/**
 * One side's whole grid: every point's score, in grid order, and the wall time in seconds from the
 * start of the side's work to its last evaluation.
 */
public record GridRun(String side, List<GridScore> scores, double seconds) {

  public GridRun {
    scores = List.copyOf(scores);
  }

  /**
   * The point with the highest validation accuracy (accuracy: larger is better); a tie goes to the
   * earlier point in grid order, as Troupe's leaderboard breaks ties by trial id. Empty when no
   * point scored.
   */
  public Optional<GridScore> best() {
    GridScore best = null;
    for (GridScore s : scores) {
      if (s.scored() && (best == null || s.valAccuracy() > best.valAccuracy())) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Points that ended with a validation score. */
  public int scored() {
    return (int) scores.stream().filter(GridScore::scored).count();
  }
}
