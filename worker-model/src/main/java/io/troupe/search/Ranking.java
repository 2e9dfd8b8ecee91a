package io.troupe.search;

import io.troupe.config.Direction;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Best-first order of scored things: by objective in the given direction, ties broken by id so the
 * order never depends on arrival or map order. Non-finite objectives (no score) sort last.
 */
final class Ranking {
  private Ranking() {}

  static <T> Comparator<T> bestFirst(Direction direction, ToDoubleFunction<T> objective, Function<T, String> id) {
    Comparator<Double> better = direction == Direction.MAXIMIZE
        ? Comparator.<Double>reverseOrder()
        : Comparator.<Double>naturalOrder();
    Comparator<T> scoredFirst = Comparator.comparing(t -> !Double.isFinite(objective.applyAsDouble(t)));
    return scoredFirst
        .thenComparing(t -> objective.applyAsDouble(t), better)
        .thenComparing(id);
  }
}
