package io.troupe.jobs.mllib;

import io.troupe.jobs.bench.BenchFigure;
import java.util.List;

/**
 * The benchmark's figures, Troupe beside MLlib: the wall time of the whole grid, the best point's
 * validation accuracy (the pick) and that point's test accuracy, and how many points each side
 * scored. Each ratio is Troupe / MLlib.
 */
public final class MllibFigures {
  public static final String WALL_TIME = "grid wall time";
  public static final String BEST_VALIDATION = "best validation accuracy";
  public static final String BEST_TEST = "best test accuracy";
  public static final String POINTS = "grid points scored";

  private MllibFigures() {}

  public static List<BenchFigure> of(GridRun troupe, GridRun mllib) {
    String peer = mllib.side();
    return List.of(
        BenchFigure.against(WALL_TIME, troupe.seconds(), "s", peer, mllib.seconds()),
        BenchFigure.against(BEST_VALIDATION, bestVal(troupe), "fraction", peer, bestVal(mllib)),
        BenchFigure.against(BEST_TEST, bestTest(troupe), "fraction", peer, bestTest(mllib)),
        BenchFigure.against(POINTS, troupe.scored(), "points", peer, mllib.scored()));
  }

  private static double bestVal(GridRun run) {
    return run.best().map(GridScore::valAccuracy).orElse(Double.NaN);
  }

  private static double bestTest(GridRun run) {
    return run.best().map(GridScore::testAccuracy).orElse(Double.NaN);
  }
}
