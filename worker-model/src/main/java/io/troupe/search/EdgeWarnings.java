package io.troupe.search;

import io.troupe.config.ParamDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 002: "this best cross-validation result is worrying. Why?" When the best value of a
 * dimension sits at the edge of its range, the optimum may lie outside the range.
 */
public final class EdgeWarnings {
  /** How close to a bound counts as "at the edge": this fraction of the range's width. */
  public static final double EDGE_FRACTION = 0.05;

  private EdgeWarnings() {}

  /**
   * One warning per dimension whose best value is within {@link #EDGE_FRACTION} of the range's
   * width from a bound (measured in log space for logUniform and log int), in sorted path order.
   * Choices, degenerate ranges and paths missing from {@code bestParams} or holding a non-number
   * give no warning.
   */
  public static List<String> check(Map<String, ParamDomain> space, Map<String, Object> bestParams) {
    List<String> warnings = new ArrayList<>();
    new TreeMap<>(space).forEach((path, domain) -> {
      if (bestParams.get(path) instanceof Number value) {
        String edge = edge(domain, value.doubleValue());
        if (edge != null) {
          warnings.add(path + " = " + text(value) + " is at the " + edge + " edge of " + DomainText.of(domain)
              + ": the best may lie outside the range; widen it");
        }
      }
    });
    return Collections.unmodifiableList(warnings);
  }

  /** "lower", "upper" or null if the value is not near a bound (or the domain has no bounds). */
  private static String edge(ParamDomain domain, double value) {
    if (domain instanceof ParamDomain.Uniform u) {
      return edge(value, u.low(), u.high());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      return logEdge(value, l.low(), l.high());
    } else if (domain instanceof ParamDomain.IntRange r) {
      // Log ints (widths, batch sizes) are searched in log space, so judged there too.
      return r.log() ? logEdge(value, r.low(), r.high()) : edge(value, r.low(), r.high());
    }
    return null;
  }

  private static String logEdge(double value, double low, double high) {
    if (!(value > 0) || !(low > 0)) {
      return null;
    }
    return edge(Math.log(value), Math.log(low), Math.log(high));
  }

  private static String edge(double value, double low, double high) {
    double width = high - low;
    if (!(width > 0)) {
      return null;
    }
    if (value - low <= EDGE_FRACTION * width) {
      return "lower";
    }
    return high - value <= EDGE_FRACTION * width ? "upper" : null;
  }

  private static String text(Number value) {
    boolean integral = value instanceof Integer || value instanceof Long;
    return integral ? value.toString() : Numbers.text(value.doubleValue());
  }
}
