package io.troupe.search.bench;

import io.troupe.config.ParamDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A benchmark function to minimise over its search space, with its known minimum, so a search's
 * simple regret is (noiseless value at its recommended point) - {@code minimum}. A {@code noiseSd}
 * above 0 makes the search observe value + N(0, noiseSd^2) while regret stays on the noiseless value.
 */
public record TestFunction(String name, Map<String, ParamDomain> space, ToDoubleFunction<Map<String, Object>> value,
    double minimum, double noiseSd) {

  public TestFunction {
    Objects.requireNonNull(name, "name");
    space = Collections.unmodifiableMap(new TreeMap<>(space));
    Objects.requireNonNull(value, "value");
  }

  /** The noiseless value at {@code point} (path -> value). */
  public double at(Map<String, Object> point) {
    return value.applyAsDouble(point);
  }
}
