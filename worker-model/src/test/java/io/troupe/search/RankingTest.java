package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static List<String> ranked(Direction direction, Map<String, Double> scores) {
    return scores.keySet().stream().sorted(Ranking.bestFirst(direction, scores::get, id -> id)).toList();
  }

  @Test
  void bestFirstInTheObjectivesDirection() {
    Map<String, Double> scores = Map.of("a", 0.3, "b", 0.9, "c", 0.5);
    assertEquals(List.of("b", "c", "a"), ranked(Direction.MAXIMIZE, scores));
    assertEquals(List.of("a", "c", "b"), ranked(Direction.MINIMIZE, scores));
  }

  @Test
  void tiesGoToTheSmallerIdWhateverTheDirection() {
    Map<String, Double> scores = Map.of("t3", 0.5, "t1", 0.5, "t2", 0.7);
    assertEquals(List.of("t2", "t1", "t3"), ranked(Direction.MAXIMIZE, scores));
    assertEquals(List.of("t1", "t3", "t2"), ranked(Direction.MINIMIZE, scores));
  }

  @Test
  void unscoredRankLastInIdOrderWhateverTheirValue() {
    // NaN (diverged, failed) and infinities are no score: never ahead of a poor finite one.
    Map<String, Double> scores = Map.of("d", Double.NaN, "b", Double.POSITIVE_INFINITY, "c", 10.0,
        "a", Double.NEGATIVE_INFINITY, "e", -10.0);
    assertEquals(List.of("c", "e", "a", "b", "d"), ranked(Direction.MAXIMIZE, scores));
    assertEquals(List.of("e", "c", "a", "b", "d"), ranked(Direction.MINIMIZE, scores));
  }
}
