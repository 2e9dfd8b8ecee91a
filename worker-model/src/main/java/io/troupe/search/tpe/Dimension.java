package io.troupe.search.tpe;

import io.troupe.config.ParamDomain;
import java.util.List;

/**
 * One search dimension in the coordinates TPE models it in: log domains in log space, ints as
 * themselves (log ints in log space), choices as the index of the value.
 */
sealed interface Dimension permits NumericDimension, ChoiceDimension {
  String path();

  /** Whether the domain holds one value only: nothing to model, it is always that value. */
  boolean fixed();

  /** A trial's value for this dimension, in model coordinates. */
  double encode(Object value);

  /** The trial value at model coordinate {@code x}: rounded and clamped to what the domain holds. */
  Object decode(double x);

  static Dimension of(String path, ParamDomain domain) {
    if (domain instanceof ParamDomain.Choice c) {
      if (c.values().isEmpty()) {
        throw new IllegalArgumentException(path + ": choice has no values");
      }
      return new ChoiceDimension(path, List.copyOf(c.values()));
    }
    return NumericDimension.of(path, domain);
  }
}
