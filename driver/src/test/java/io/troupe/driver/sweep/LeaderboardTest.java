package io.troupe.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.troupe.config.Direction;
import io.troupe.config.RepeatRanking;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
  private static StoredTrial trial(String id, TrialStatus status, Map<String, Double> metrics) {
    return new StoredTrial(id, status, Map.of(), metrics, JsonNodeFactory.instance.objectNode());
  }

  private static final List<StoredTrial> TRIALS = List.of(
      trial("t5", TrialStatus.DIVERGED, Map.of("val_loss", Double.NaN)),
      trial("t4", TrialStatus.COMPLETED, Map.of("val_loss", 0.40)),
      trial("t1", TrialStatus.PRUNED, Map.of()),
      trial("t3", TrialStatus.COMPLETED, Map.of("val_loss", 0.25)),
      trial("t0", TrialStatus.FAILED, Map.of()),
      trial("t2", TrialStatus.COMPLETED, Map.of("val_loss", 0.40)));

  private static List<String> ids(List<StoredTrial> trials) {
    return trials.stream().map(StoredTrial::trialId).toList();
  }

  @Test
  void ranksByTheObjectiveInItsDirectionTiesByIdAndTrialsWithoutAScoreLastInIdOrder() {
    assertEquals(List.of("t3", "t2", "t4", "t0", "t1", "t5"),
        ids(Leaderboard.rank(TRIALS, "val_loss", Direction.MINIMIZE)));
    assertEquals(List.of("t2", "t4", "t3", "t0", "t1", "t5"),
        ids(Leaderboard.rank(TRIALS, "val_loss", Direction.MAXIMIZE)));
  }

  @Test
  void testFiguresAreHiddenUnlessAskedForAndRegressionShowsItsMse() {
    List<StoredTrial> classified = List.of(trial("t1", TrialStatus.COMPLETED,
        Map.of("val_accuracy", 0.91, "test_accuracy", 0.8899)));
    String hidden = Leaderboard.render(classified, "val_accuracy", Direction.MAXIMIZE, 10, false);
    assertFalse(hidden.contains("test_") || hidden.contains("0.8899"), hidden);
    assertTrue(hidden.contains("0.9100") && hidden.contains("--show-test"), hidden);
    String shown = Leaderboard.render(classified, "val_accuracy", Direction.MAXIMIZE, 10, true);
    assertTrue(shown.contains("test_accuracy") && shown.contains("0.8899"), shown);

    List<StoredTrial> regression = List.of(trial("t1", TrialStatus.COMPLETED, Map.of("val_mse", 0.02, "test_mse", 0.0312)));
    String mse = Leaderboard.render(regression, "val_mse", Direction.MINIMIZE, 10, true);
    assertTrue(mse.contains("test_mse") && mse.contains("0.0312"), mse);
  }

  @Test
  void repeatsRankByTheirConfigurationsMeanAndRenderOneRowPerConfiguration() {
    List<StoredTrial> trials = List.of(
        trial("t0001-rep1", TrialStatus.COMPLETED, Map.of("val_accuracy", 0.95, "test_accuracy", 0.94)),
        trial("t0001-rep2", TrialStatus.COMPLETED, Map.of("val_accuracy", 0.65, "test_accuracy", 0.64)),
        trial("t0002-rep1", TrialStatus.COMPLETED, Map.of("val_accuracy", 0.85, "test_accuracy", 0.84)),
        trial("t0002-rep2", TrialStatus.DIVERGED, Map.of("val_accuracy", Double.NaN)));
    assertEquals(List.of("t0002-rep1", "t0002-rep2", "t0001-rep1", "t0001-rep2"),
        ids(Leaderboard.rank(trials, "val_accuracy", Direction.MAXIMIZE, RepeatRanking.MEAN)),
        "t0002's mean 0.85 (one scored of two) beats t0001's 0.80, though t0001-rep1 is the best trial");
    assertEquals(List.of("t0001-rep1", "t0002-rep1", "t0001-rep2", "t0002-rep2"),
        ids(Leaderboard.rank(trials, "val_accuracy", Direction.MAXIMIZE, RepeatRanking.EACH)));
    String table = Leaderboard.render(trials, "val_accuracy", Direction.MAXIMIZE, 10, true);
    assertTrue(table.contains("configuration") && table.contains("0.8000±0.2121") && table.contains("1/2"), table);
    assertTrue(table.contains("0.7900±0.2121"), "the test mean±sd beside it when asked for: " + table);
    assertEquals(3, table.lines().count(), "a header and one row per configuration: " + table);
  }
}
