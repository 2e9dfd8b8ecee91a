package io.troupe.search;

import io.troupe.config.ParamDomain;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grid search: every combination of every dimension's grid values. Trials come in a fixed order:
 * paths sorted, the last path varying fastest, so a grid is the same on every run and machine.
 */
public final class GridSampler {
  /** Above this many combinations a grid is almost surely a mistake (use random search instead). */
  public static final int MAX_COMBINATIONS = 100_000;

  private GridSampler() {}

  /**
   * All combinations of {@code space} (config path -> domain), each a path -> value map in sorted
   * path order. An empty space gives one empty combination.
   *
   * @throws IllegalArgumentException if a dimension is not griddable (a real range without points)
   *     or there are more than {@link #MAX_COMBINATIONS} combinations
   */
  public static List<Map<String, Object>> enumerate(Map<String, ParamDomain> space) {
    TreeMap<String, List<Object>> axes = new TreeMap<>();
    new TreeMap<>(space).forEach((path, domain) -> axes.put(path, values(path, domain)));
    checkSize(axes);
    List<Map<String, Object>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    // Extending by each path in sorted order puts the last path innermost, i.e. fastest-varying.
    for (Map.Entry<String, List<Object>> axis : axes.entrySet()) {
      grid = extend(grid, axis.getKey(), axis.getValue());
    }
    return grid.stream().map(Collections::unmodifiableMap).toList();
  }

  /** The grid values of one dimension, in order. */
  static List<Object> values(String path, ParamDomain domain) {
    if (!domain.isGriddable()) {
      throw new IllegalArgumentException(path + ": " + DomainText.of(domain)
          + " is not griddable; add points: n, or use {choice: [...]} or {int: [a, b]}");
    }
    if (domain instanceof ParamDomain.Uniform u) {
      return linear(u.low(), u.high(), u.points());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      return geometric(l.low(), l.high(), l.points());
    } else if (domain instanceof ParamDomain.IntRange r) {
      return integers(r.low(), r.high());
    }
    List<Object> choices = ((ParamDomain.Choice) domain).values();
    if (choices.isEmpty()) {
      throw new IllegalArgumentException(path + ": choice has no values");
    }
    return choices;
  }

  /** n evenly spaced values including both ends; a degenerate range [a, a] gives just a. */
  private static List<Object> linear(double low, double high, int n) {
    if (n == 1 || low == high) {
      return List.of(low);
    }
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // The last point is exactly high, not low + (n-1)*step with its rounding error.
      values.add(i == n - 1 ? high : Numbers.round12(low + i * (high - low) / (n - 1)));
    }
    return values;
  }

  /** n geometrically spaced values including both ends (evenly spaced in log space). */
  private static List<Object> geometric(double low, double high, int n) {
    if (n == 1 || low == high) {
      return List.of(low);
    }
    double lnLow = Math.log(low);
    double lnHigh = Math.log(high);
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(i == 0 ? low : i == n - 1 ? high
          : Numbers.round12(Math.exp(lnLow + i * (lnHigh - lnLow) / (n - 1))));
    }
    return values;
  }

  private static List<Object> integers(long low, long high) {
    BigInteger count = BigInteger.valueOf(high).subtract(BigInteger.valueOf(low)).add(BigInteger.ONE);
    if (count.compareTo(BigInteger.valueOf(MAX_COMBINATIONS)) > 0) {
      throw tooMany(count);
    }
    List<Object> values = new ArrayList<>();
    // Count up by index: v++ past Long.MAX_VALUE would wrap around and never stop.
    for (long i = 0; i < count.longValue(); i++) {
      values.add(Numbers.boxInt(low + i));
    }
    return values;
  }

  private static void checkSize(Map<String, List<Object>> axes) {
    BigInteger count = BigInteger.ONE;
    for (List<Object> values : axes.values()) {
      count = count.multiply(BigInteger.valueOf(values.size()));
    }
    if (count.compareTo(BigInteger.valueOf(MAX_COMBINATIONS)) > 0) {
      throw tooMany(count);
    }
  }

  private static IllegalArgumentException tooMany(BigInteger count) {
    return new IllegalArgumentException("grid search would run " + count + " combinations, more than "
        + MAX_COMBINATIONS + "; use fewer points or random search");
  }

  private static List<Map<String, Object>> extend(List<Map<String, Object>> grid, String path, List<Object> values) {
    List<Map<String, Object>> next = new ArrayList<>(grid.size() * values.size());
    for (Map<String, Object> prefix : grid) {
      for (Object value : values) {
        Map<String, Object> combination = new LinkedHashMap<>(prefix);
        combination.put(path, value);
        next.add(combination);
      }
    }
    return next;
  }
}
