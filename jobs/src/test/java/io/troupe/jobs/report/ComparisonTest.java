package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  @TempDir Path dir;

  @Test
  void classificationRanksByHighestAccuracy() throws IOException {
    Comparison c = Comparison.read(ReportFixtures.filesOf(ReportFixtures.comparison(dir)));
    assertEquals(Comparison.ACCURACY, c.metric());
    assertEquals(0.9012, c.bestScore());
    assertEquals("true / average", c.label(c.rows().get(1)));
    assertEquals("single", c.label(c.rows().get(0)), "no combiner, no slash");
  }

  @Test
  void regressionRanksByLowestMse() throws IOException {
    Comparison c = Comparison.read(ReportFixtures.filesOf(ReportFixtures.regressionComparison(dir)));
    assertEquals(Comparison.MSE, c.metric());
    assertEquals(0.298, c.bestScore());
  }

  @Test
  void aNonNumberInAKnownColumnIsCaughtWhenRead() throws IOException {
    Path file = Files.writeString(dir.resolve("comparison.csv"),
        ReportFixtures.COMPARISON_HEADER + "\nsingle,-,1,twenty,1,1,0.88,,,,,,,,,,,\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Comparison.read(ReportFixtures.filesOf(file)));
    assertTrue(e.getMessage().contains("line 2, column train_epochs: \"twenty\" is not a number"), e.getMessage());
  }

  @Test
  void rowsWithNeitherAccuracyNorMseAreBadInput() throws IOException {
    Path file = Files.writeString(dir.resolve("comparison.csv"), ReportFixtures.COMPARISON_HEADER + "\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Comparison.read(ReportFixtures.filesOf(file)));
    assertTrue(e.getMessage().contains("no row has an accuracy or an mse"), e.getMessage());
  }

  @Test
  void theBarAxisStartsBelowTheLowestScoreButNeverBelowZero() {
    double floor = ComparisonSection.axisFloor(java.util.List.of(0.8841, 0.9012, 0.887));
    assertTrue(floor < 0.8841 && floor > 0.8, "floor " + floor);
    assertEquals(0, ComparisonSection.axisFloor(java.util.List.of(0.01, 0.9)));
  }
}
