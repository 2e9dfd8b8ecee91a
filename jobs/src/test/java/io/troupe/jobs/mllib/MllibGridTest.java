package io.troupe.jobs.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.search.study.TrialPlanner;
import io.troupe.trial.TrialSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Troupe grid becomes MLlib's: point for point, layers from model.hidden, maxIter from epochs. */
class MllibGridTest {
  private static final String BASE = """
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 8, classes: 3}}
      model: {hidden: [16], activation: relu}
      train: {epochs: 4}
      """;

  private static ExperimentSpec spec(String search) {
    return ConfigLoader.parse(BASE + search, "test", "grid", List.of());
  }

  @Test
  void eachTroupeTrialBecomesOneMllibPointWithTheSameIdSeedAndValues() {
    ExperimentSpec spec = spec("""
        search:
          strategy: grid
          space:
            model.hidden: {choice: [[32, 16], [8]]}
            train.epochs: {choice: [2, 5]}
        """);
    MllibGrid.check(spec);
    List<TrialSpec> trials = TrialPlanner.plan(spec);
    List<MllibPoint> points = MllibGrid.points(trials, 8, 3);
    assertEquals(4, points.size());
    // Grid order: paths sorted, the last (train.epochs) varying fastest.
    assertEquals(List.of(8, 32, 16, 3), points.get(0).layers());
    assertEquals(20, points.get(0).maxIter());
    assertEquals(List.of(8, 32, 16, 3), points.get(1).layers());
    assertEquals(50, points.get(1).maxIter());
    assertEquals(List.of(8, 8, 3), points.get(2).layers());
    assertEquals(20, points.get(2).maxIter());
    assertEquals(50, points.get(3).maxIter());
    for (int i = 0; i < trials.size(); i++) {
      assertEquals(trials.get(i).trialId(), points.get(i).trialId());
      assertEquals(trials.get(i).seed(), points.get(i).seed());
      assertEquals(trials.get(i).params(), points.get(i).params());
    }
    assertEquals(Map.of("model.hidden", List.of(8), "train.epochs", 5), points.get(3).params());
  }

  @Test
  void anUnsearchedDimensionTakesTheConfigsValue() {
    List<MllibPoint> points = MllibGrid.points(TrialPlanner.plan(spec("""
        search: {strategy: grid, space: {train.epochs: {choice: [1, 3]}}}
        """)), 8, 3);
    assertEquals(List.of(8, 16, 3), points.get(0).layers());
    assertEquals(List.of(10, 30), points.stream().map(MllibPoint::maxIter).toList());
    assertEquals(MllibGrid.MAX_ITER_PER_EPOCH * 7, MllibGrid.maxIter(7));
  }

  @Test
  void aSearchThatIsNotAGridIsRejectedNamingTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MllibGrid.check(spec("""
        search: {strategy: random, trials: 3, space: {train.epochs: {int: [1, 3]}}}
        """)));
    assertTrue(e.getMessage().startsWith("search.strategy: bench-mllib runs one grid on both sides and needs grid, got random"),
        e.getMessage());
    InvalidInputException none = assertThrows(InvalidInputException.class, () -> MllibGrid.check(spec("")));
    assertTrue(none.getMessage().contains("needs grid, got none"), none.getMessage());
  }

  @Test
  void aPathMllibCannotMirrorIsRejectedNamingIt() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MllibGrid.check(spec("""
        search:
          strategy: grid
          space:
            model.hidden: {choice: [[8]]}
            train.optimizer.lr: {choice: [0.01, 0.1]}
        """)));
    assertTrue(e.getMessage().startsWith("search.space.train.optimizer.lr: bench-mllib can map only model.hidden and"
        + " train.epochs"), e.getMessage());
    assertTrue(!e.getMessage().contains("search.space.model.hidden"), e.getMessage());
  }

  @Test
  void aRegressionTaskIsRejectedNamingDataTask() {
    ExperimentSpec regression = ConfigLoader.parse("""
        data: {source: synthetic, task: regression}
        ensemble: {combiners: [average]}
        search: {strategy: grid, space: {train.epochs: {choice: [1]}}}
        """, "test", "r", List.of());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MllibGrid.check(regression));
    assertTrue(e.getMessage().startsWith("data.task: MLlib's MultilayerPerceptronClassifier is a classifier"),
        e.getMessage());
  }
}
