package io.troupe.search;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ParamDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSamplerTest {
  private static List<Object> column(List<Map<String, Object>> grid, String path) {
    List<Object> values = new ArrayList<>();
    grid.forEach(trial -> values.add(trial.get(path)));
    return values;
  }

  @Test
  void productIsInSortedPathOrderWithTheLastPathFastest() {
    // Inserted b before a: the order must still follow the sorted paths a, b.
    Map<String, ParamDomain> space = new LinkedHashMap<>();
    space.put("b", new ParamDomain.Choice(List.of("x", "y")));
    space.put("a", new ParamDomain.IntRange(1, 2, false));
    List<Map<String, Object>> grid = GridSampler.enumerate(space);
    assertEquals(List.of(Map.of("a", 1, "b", "x"), Map.of("a", 1, "b", "y"),
        Map.of("a", 2, "b", "x"), Map.of("a", 2, "b", "y")), grid);
    assertEquals(List.of("a", "b"), new ArrayList<>(grid.get(0).keySet()), "keys in sorted order");
  }

  @Test
  void uniformPointsAreEvenlySpacedIncludingBothEnds() {
    assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0),
        column(GridSampler.enumerate(Map.of("p", new ParamDomain.Uniform(0, 1, 5))), "p"));
    // Unrounded, 0.1 + 2 * 0.4 / 4 is 0.30000000000000004 in doubles; 12 digits give 0.3.
    assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5),
        column(GridSampler.enumerate(Map.of("p", new ParamDomain.Uniform(0.1, 0.5, 5))), "p"));
  }

  @Test
  void logUniformPointsAreGeometricAndRounded() {
    // Exact doubles: 0.25, not 0.25000000000000006.
    assertEquals(List.of(0.025, 0.25, 2.5),
        column(GridSampler.enumerate(Map.of("lr", new ParamDomain.LogUniform(0.025, 2.5, 3))), "lr"));
    assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1),
        column(GridSampler.enumerate(Map.of("lr", new ParamDomain.LogUniform(1e-4, 1e-1, 4))), "lr"));
  }

  @Test
  void intRangeGivesEveryIntegerAsIntegerEvenWhenLog() {
    List<Object> values = column(GridSampler.enumerate(Map.of("n", new ParamDomain.IntRange(3, 6, true))), "n");
    assertEquals(List.of(3, 4, 5, 6), values);
    assertEquals(Integer.class, values.get(0).getClass());
    // Beyond int: Long.
    List<Object> big = column(GridSampler.enumerate(
        Map.of("n", new ParamDomain.IntRange(3_000_000_000L, 3_000_000_001L, false))), "n");
    assertEquals(List.of(3_000_000_000L, 3_000_000_001L), big);
  }

  @Test
  void choiceKeepsItsValuesAndOrder() {
    List<Object> widths = List.of(List.of(64), List.of(128, 64), "none");
    assertEquals(widths, column(GridSampler.enumerate(Map.of("w", new ParamDomain.Choice(widths))), "w"));
  }

  @Test
  void emptySpaceIsOneEmptyTrial() {
    assertEquals(List.of(Map.of()), GridSampler.enumerate(Map.of()));
  }

  @Test
  void rangeWithoutPointsIsRejectedNamingThePath() {
    Map<String, ParamDomain> space = Map.of(
        "train.optimizer.lr", new ParamDomain.LogUniform(1e-5, 1e-1, 0),
        "train.epochs", new ParamDomain.IntRange(1, 3, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSampler.enumerate(space));
    assertContains(e, "train.optimizer.lr", "points");
  }

  @Test
  void moreThan100000CombinationsIsRejectedNamingTheCount() {
    Map<String, ParamDomain> space = Map.of(
        "a", new ParamDomain.IntRange(1, 1000, false),
        "b", new ParamDomain.IntRange(1, 101, false));
    assertContains(assertThrows(IllegalArgumentException.class, () -> GridSampler.enumerate(space)), "101000");
    // A single huge int range is caught before its values are listed.
    Map<String, ParamDomain> huge = Map.of("a", new ParamDomain.IntRange(0, 1_000_000_000_000L, false));
    assertContains(assertThrows(IllegalArgumentException.class, () -> GridSampler.enumerate(huge)), "1000000000001");
  }

  @Test
  void exactly100000CombinationsIsAllowed() {
    Map<String, ParamDomain> space = Map.of(
        "a", new ParamDomain.IntRange(1, 1000, false),
        "b", new ParamDomain.Uniform(0, 1, 100));
    assertEquals(100_000, GridSampler.enumerate(space).size());
  }
}
