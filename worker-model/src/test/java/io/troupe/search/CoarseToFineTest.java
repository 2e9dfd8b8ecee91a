package io.troupe.search;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.Direction;
import io.troupe.config.ParamDomain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoarseToFineTest {
  private static final ParamDomain.Uniform UNIT = new ParamDomain.Uniform(0, 1, 5);
  private static final ParamDomain.LogUniform LR = new ParamDomain.LogUniform(1e-5, 1e-1, 0);

  private static ScoredTrial trial(String id, String path, Object value, double objective) {
    return new ScoredTrial(id, Map.of(path, value), objective);
  }

  private static ParamDomain narrowOne(ParamDomain domain, List<Object> values, double margin) {
    List<ScoredTrial> trials = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      trials.add(trial("t" + i, "p", values.get(i), 1));
    }
    return CoarseToFine.narrow(Map.of("p", domain), trials, values.size(), margin, Direction.MAXIMIZE).get("p");
  }

  private static void assertUniform(double low, double high, ParamDomain actual) {
    ParamDomain.Uniform u = (ParamDomain.Uniform) actual;
    assertEquals(low, u.low(), 1e-12, "low of " + u);
    assertEquals(high, u.high(), 1e-12, "high of " + u);
  }

  private static void assertLogUniform(double low, double high, ParamDomain actual) {
    ParamDomain.LogUniform l = (ParamDomain.LogUniform) actual;
    assertEquals(low, l.low(), low * 1e-12, "low of " + l);
    assertEquals(high, l.high(), high * 1e-12, "high of " + l);
  }

  @Test
  void uniformNarrowsToTheTopKSpanPlusMarginAndKeepsPoints() {
    List<ScoredTrial> trials = List.of(
        trial("t1", "p", 0.2, 0.9), trial("t2", "p", 0.4, 0.8), trial("t3", "p", 0.3, 0.7),
        trial("t4", "p", 0.9, 0.1), trial("t5", "p", 0.0, 0.2));
    // Top 3 by objective: 0.2, 0.4, 0.3 -> [0.2, 0.4], widened by 0.25 * 0.2 = 0.05 each side.
    ParamDomain narrowed = CoarseToFine.narrow(Map.of("p", UNIT), trials, 3, 0.25, Direction.MAXIMIZE).get("p");
    assertUniform(0.15, 0.45, narrowed);
    assertEquals(5, ((ParamDomain.Uniform) narrowed).points());
  }

  @Test
  void logUniformNarrowsInLogSpace() {
    // Top values 1e-4 and 1e-2: log span is 2 decades; margin 0.25 adds half a decade each side.
    assertLogUniform(Math.pow(10, -4.5), Math.pow(10, -1.5), narrowOne(LR, List.of(1e-4, 1e-2), 0.25));
  }

  @Test
  void resultIsClippedToTheOriginalRange() {
    // [0, 0.8] widened by 0.5 * 0.8 = 0.4 would be [-0.4, 1.2]; clipped to [0, 1].
    assertUniform(0, 1, narrowOne(UNIT, List.of(0.0, 0.8), 0.5));
    // [1e-5, 1e-3] widened by a decade would start at 1e-6; clipped to exactly 1e-5.
    ParamDomain.LogUniform l = (ParamDomain.LogUniform) narrowOne(LR, List.of(1e-5, 1e-3), 0.5);
    assertEquals(1e-5, l.low());
    assertEquals(1e-2, l.high(), 1e-14);
  }

  @Test
  void marginZeroGivesExactlyTheTopKSpan() {
    assertUniform(0.2, 0.7, narrowOne(UNIT, List.of(0.7, 0.2, 0.5), 0));
    ParamDomain.LogUniform l = (ParamDomain.LogUniform) narrowOne(LR, List.of(3.7e-4, 2.2e-3, 1.1e-3), 0);
    // Exact, not exp(log(x)).
    assertEquals(3.7e-4, l.low());
    assertEquals(2.2e-3, l.high());
  }

  @Test
  void equalTopValuesGetAWindowOfMarginTimesTheOriginalWidth() {
    // uniform [0, 10], all at 4, margin 0.1: 4 +- 1.
    assertUniform(3, 5, narrowOne(new ParamDomain.Uniform(0, 10, 0), List.of(4.0, 4.0), 0.1));
    // logUniform 4 decades, all at 1e-3, margin 0.25: +- 1 decade.
    assertLogUniform(1e-4, 1e-2, narrowOne(LR, List.of(1e-3, 1e-3), 0.25));
  }

  @Test
  void intRangeRoundsOutwardAndKeepsAtLeastTheValue() {
    ParamDomain.IntRange ints = new ParamDomain.IntRange(1, 100, false);
    // [10, 20] +- 2.5 = [7.5, 22.5] -> outward [7, 23].
    assertEquals(new ParamDomain.IntRange(7, 23, false), narrowOne(ints, List.of(10, 20), 0.25));
    // All at 50, margin 0.01 of width 99: +- 0.99 -> [49, 51].
    assertEquals(new ParamDomain.IntRange(49, 51, false), narrowOne(ints, List.of(50, 50), 0.01));
    assertEquals(new ParamDomain.IntRange(50, 50, false), narrowOne(ints, List.of(50, 50), 0));
    // Clipped: [1, 3] +- 1 stays inside [1, 100].
    assertEquals(new ParamDomain.IntRange(1, 4, false), narrowOne(ints, List.of(1, 3), 0.5));
  }

  @Test
  void logIntRangeNarrowsInLogSpaceAndStaysLog() {
    // [64, 256] is 2 octaves; margin 0.5 adds one octave each side: [32, 512].
    assertEquals(new ParamDomain.IntRange(32, 512, true),
        narrowOne(new ParamDomain.IntRange(16, 1024, true), List.of(64, 256), 0.5));
  }

  @Test
  void choiceKeepsOnlyTheUsedChoicesInOriginalOrder() {
    ParamDomain.Choice activation = new ParamDomain.Choice(List.of("relu", "tanh", "sigmoid", "elu"));
    assertEquals(new ParamDomain.Choice(List.of("relu", "elu")), narrowOne(activation, List.of("elu", "relu"), 0.25));
    // List-valued choices compare by equals.
    ParamDomain.Choice widths = new ParamDomain.Choice(List.of(List.of(64), List.of(128, 64), List.of(256)));
    assertEquals(new ParamDomain.Choice(List.of(List.of(128, 64))),
        narrowOne(widths, List.of(List.of(128, 64)), 0.25));
  }

  @Test
  void minimizePicksTheLowestObjectives() {
    List<ScoredTrial> losses = List.of(
        trial("a", "p", 0.1, 0.50), trial("b", "p", 0.6, 0.05), trial("c", "p", 0.8, 0.10), trial("d", "p", 0.9, 0.90));
    // Lowest losses: b (0.6) and c (0.8).
    assertUniform(0.6, 0.8, CoarseToFine.narrow(Map.of("p", UNIT), losses, 2, 0, Direction.MINIMIZE).get("p"));
    // The same trials maximised: d (0.9) and a (0.1).
    assertUniform(0.1, 0.9, CoarseToFine.narrow(Map.of("p", UNIT), losses, 2, 0, Direction.MAXIMIZE).get("p"));
  }

  @Test
  void unscoredTrialsAreIgnored() {
    List<ScoredTrial> trials = List.of(
        trial("a", "p", 0.3, 0.5), trial("b", "p", 0.95, Double.NaN), trial("c", "p", 0.4, 0.6));
    // topK 5 > scored trials: only a and c count, the NaN trial's 0.95 does not.
    assertUniform(0.3, 0.4, CoarseToFine.narrow(Map.of("p", UNIT), trials, 5, 0, Direction.MAXIMIZE).get("p"));
    assertUniform(0.3, 0.4, CoarseToFine.narrow(Map.of("p", UNIT), trials, 5, 0, Direction.MINIMIZE).get("p"));
  }

  @Test
  void noScoredTrialIsAnError() {
    List<ScoredTrial> failed = List.of(trial("a", "p", 0.3, Double.NaN), trial("b", "p", 0.4, Double.NaN));
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> CoarseToFine.narrow(Map.of("p", UNIT), failed, 2, 0.25, Direction.MAXIMIZE)), "finite objective");
  }

  @Test
  void tiesAreBrokenByTrialId() {
    // Same objective: "a" ranks before "b" whatever the list order.
    List<ScoredTrial> tied = List.of(trial("b", "p", 0.9, 1), trial("a", "p", 0.1, 1));
    assertUniform(0.1, 0.1, CoarseToFine.narrow(Map.of("p", UNIT), tied, 1, 0, Direction.MAXIMIZE).get("p"));
  }

  @Test
  void aTopTrialWithoutAValueIsAnError() {
    List<ScoredTrial> trials = List.of(trial("a", "other", 0.1, 1));
    assertContains(assertThrows(IllegalArgumentException.class,
        () -> CoarseToFine.narrow(Map.of("p", UNIT), trials, 1, 0, Direction.MAXIMIZE)), "a", "p");
  }

  @Test
  void describeGivesOneLinePerDimensionInSortedOrder() {
    Map<String, ParamDomain> before = Map.of(
        "train.optimizer.lr", LR,
        "model.width", new ParamDomain.IntRange(16, 1024, true),
        "model.activation", new ParamDomain.Choice(List.of("relu", "tanh")));
    Map<String, ParamDomain> after = Map.of(
        "train.optimizer.lr", new ParamDomain.LogUniform(Math.pow(10, -4.5), Math.pow(10, -1.5), 0),
        "model.width", new ParamDomain.IntRange(32, 512, true),
        "model.activation", new ParamDomain.Choice(List.of("relu")));
    assertEquals(List.of(
        "model.activation: choice [relu, tanh] -> [relu]",
        "model.width: int [16, 1024] (log) -> [32, 512] (log)",
        "train.optimizer.lr: logUniform [1e-05, 0.1] -> [3.16e-05, 0.0316]"),
        CoarseToFine.describe(before, after));
  }
}
