package io.troupe.jobs.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.jobs.bench.BenchFigure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each side's pick: highest validation accuracy, ties to the earlier point, unscored points skipped. */
class GridRunTest {
  private static GridScore score(String id, double val, double test) {
    return new GridScore(id, Map.of(), val, test, 1.0, 10);
  }

  @Test
  void theBestPointIsPickedOnValidationNeverOnTest() {
    GridRun run = new GridRun("side", List.of(score("t0001", 0.80, 0.95), score("t0002", 0.85, 0.70),
        GridScore.missing("t0003", Map.of()), score("t0004", 0.85, 0.99)), 12.0);
    assertEquals("t0002", run.best().orElseThrow().trialId(), "a tie goes to the earlier point");
    assertEquals(3, run.scored());
  }

  @Test
  void aSideThatScoredNothingHasNoBestAndItsFiguresAreNaN() {
    GridRun none = new GridRun("peer", List.of(GridScore.missing("t0001", Map.of())), 3.0);
    assertTrue(none.best().isEmpty());
    GridRun troupe = new GridRun("Troupe", List.of(score("t0001", 0.9, 0.88)), 6.0);
    List<BenchFigure> figures = MllibFigures.of(troupe, none);
    assertEquals(2.0, figures.get(0).ratio(), 1e-12); // Troupe / peer wall time
    assertTrue(Double.isNaN(figures.get(1).peerValue()) && Double.isNaN(figures.get(1).ratio()));
    assertEquals(0.88, figures.get(2).value());
    assertEquals(0.0, figures.get(3).peerValue());
  }
}
