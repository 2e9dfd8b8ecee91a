package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.eval.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void oldFilesWithoutIntervalsReadWithNoBaselineAndNoIntervals() throws IOException {
    Comparison c = Comparison.read(ReportFixtures.filesOf(ReportFixtures.comparison(dir)));
    assertFalse(c.hasBaseline());
    assertNull(c.interval(c.rows().get(0), "accuracy"));
    assertTrue(Double.isNaN(c.p(c.rows().get(1), "accuracy")));
  }

  @Test
  void intervalsAndPValuesAreReadWhenTheFileHasThem() throws IOException {
    Comparison c = Comparison.read(ReportFixtures.filesOf(ReportFixtures.testedComparison(dir)));
    assertTrue(c.hasBaseline());
    assertEquals(new Interval(0.8341, 0.8268, 0.8413), c.interval(c.rows().get(0), "accuracy"));
    assertEquals(0.000012, c.p(c.rows().get(1), "accuracy"));
    assertEquals(List.of("accuracy against single (the same test examples, McNemar's exact test): not distinguishable"
        + " from noise (p >= 0.05): snapshots / vote (+0.14 pp, p = 0.310); different (p < 0.05): true / average"
        + " (+2.19 pp, p < 0.001), independent-average / parameter-average (-73.41 pp, p < 0.001).",
        "nll against single (the same test examples, paired bootstrap): not distinguishable from noise (p >= 0.05):"
        + " snapshots / vote (+0.0020, p = 0.520); different (p < 0.05): true / average (-0.0714, p < 0.001),"
        + " independent-average / parameter-average (+1.7301, p < 0.001)."),
        io.troupe.ensemble.BaselineTests.sentences(c.asTable().rows()));
  }

  @Test
  void aNonNumberInAnIntervalColumnIsCaughtWhenRead() throws IOException {
    Path file = ReportFixtures.testedComparison(dir);
    Files.writeString(file, Files.readString(file).replace("0.8268", "low"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Comparison.read(ReportFixtures.filesOf(file)));
    assertTrue(e.getMessage().contains("column accuracy_low: \"low\" is not a number"), e.getMessage());
  }

  @Test
  void aRowFarFromTheRestIsLeftOffTheAxisButNeverTheBaseline() {
    // The quickstart's measured accuracies: a parameter average of independent runs sits at chance.
    List<Double> scores = List.of(0.8341, 0.856, 0.853, 0.1, 0.8489, 0.8468, 0.8479, 0.8463);
    List<Double> halfWidths = java.util.Collections.nCopies(8, 0.007);
    assertEquals(java.util.Set.of(3), FarRows.of(scores, halfWidths));
    assertEquals(java.util.Set.of(), FarRows.of(List.of(0.1, 0.85, 0.86, 0.855), List.of()), "the first row stays");
    assertEquals(java.util.Set.of(), FarRows.of(List.of(0.85, 0.85, 0.86), List.of()), "equal scores: none is far");
    assertEquals(java.util.Set.of(), FarRows.of(List.of(0.85, 0.78, 0.853, 0.849, 0.851), halfWidths.subList(0, 5)),
        "a weak row among close ones is a finding, not an outlier");
  }
}
