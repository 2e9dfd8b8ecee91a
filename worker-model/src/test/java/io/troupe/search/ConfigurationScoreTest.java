package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationScoreTest {
  private static ScoredTrial trial(String id, double objective) {
    return new ScoredTrial(id, Map.of("lr", id.substring(0, 5)), objective);
  }

  @Test
  void repeatsAreGroupedByConfigurationWithMeanSampleSdAndBest() {
    List<ConfigurationScore> scores = ConfigurationScore.of(List.of(
        trial("t0001-rep1", 0.80), trial("t0001-rep2", 0.84), trial("t0001-rep3", 0.82),
        trial("t0002-rep1", 0.90), trial("t0002-rep2", 0.70), trial("t0002-rep3", Double.NaN)), Direction.MAXIMIZE);
    ConfigurationScore first = scores.get(0);
    assertEquals("t0001", first.configurationId(), "mean 0.82 beats 0.80, though t0002 has the best single trial");
    assertEquals(0.82, first.mean(), 1e-12);
    assertEquals(0.02, first.sd(), 1e-12, "sample sd of 0.80, 0.84, 0.82");
    assertEquals(0.84, first.best(), 1e-12);
    assertEquals(3, first.scored());
    ConfigurationScore second = scores.get(1);
    assertEquals(2, second.scored(), "a diverged repeat is counted, not averaged");
    assertEquals(3, second.trialIds().size());
    assertEquals(0.80, second.mean(), 1e-12);
    assertEquals(Math.sqrt(0.02), second.sd(), 1e-12);
    assertEquals(0.90, second.best(), 1e-12);
    assertTrue(ConfigurationScore.anyRepeated(scores));
  }

  @Test
  void minimisingPicksTheLowestMeanAndBest() {
    List<ConfigurationScore> scores = ConfigurationScore.of(List.of(
        trial("t0001-rep1", 0.5), trial("t0001-rep2", 0.7), trial("t0002-rep1", 0.55), trial("t0002-rep2", 0.56)),
        Direction.MINIMIZE);
    assertEquals("t0002", scores.get(0).configurationId());
    assertEquals(0.5, scores.get(1).best(), 1e-12);
  }

  @Test
  void singleRunsAreTheirOwnConfigurationsWithoutAnSd() {
    List<ConfigurationScore> scores = ConfigurationScore.of(List.of(trial("t0001", 0.6), trial("t0002", 0.7)),
        Direction.MAXIMIZE);
    assertEquals(List.of("t0002", "t0001"), scores.stream().map(ConfigurationScore::configurationId).toList());
    assertTrue(Double.isNaN(scores.get(0).sd()));
    assertFalse(ConfigurationScore.anyRepeated(scores));
  }

  @Test
  void repeatIdsAndPairedSeeds() {
    assertEquals("t0003", Repeats.trialId("t0003", 1, 1));
    assertEquals("s2-t0003-rep4", Repeats.trialId("s2-t0003", 4, 5));
    assertEquals("s2-t0003", Repeats.configurationOf("s2-t0003-rep4"));
    assertEquals("t0003-r1", Repeats.configurationOf("t0003-r1"), "an ASHA rung is not a repeat");
    assertEquals(Repeats.pairedSeed(7, 2), Repeats.pairedSeed(7, 2));
    assertTrue(Repeats.pairedSeed(7, 1) != Repeats.pairedSeed(7, 2));
  }
}
