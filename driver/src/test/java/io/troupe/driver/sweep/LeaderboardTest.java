package io.troupe.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.troupe.config.Direction;
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
}
