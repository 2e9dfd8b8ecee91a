package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoredTrialTest {
  @Test
  void onlyFiniteObjectivesAreScores() {
    assertTrue(new ScoredTrial("t", Map.of(), 0.5).isScored());
    assertFalse(new ScoredTrial("t", Map.of(), Double.NaN).isScored());
    assertFalse(new ScoredTrial("t", Map.of(), Double.POSITIVE_INFINITY).isScored());
  }

  @Test
  void paramsAreAnUnmodifiableCopy() {
    Map<String, Object> params = new HashMap<>();
    params.put("lr", 0.1);
    ScoredTrial trial = new ScoredTrial("t", params, 1);
    params.put("lr", 0.2);
    // Later changes to the caller's map do not leak in, and the copy cannot be changed.
    assertEquals(0.1, trial.params().get("lr"));
    assertThrows(UnsupportedOperationException.class, () -> trial.params().put("lr", 0.3));
  }
}
