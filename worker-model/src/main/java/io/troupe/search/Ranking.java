package io.troupe.search;

import io.troupe.config.Direction;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The one best-first order of scored things (trials, rung results, ensemble members): by
 * objective in the given direction, ties broken by id so the order never depends on arrival or
 * map order. Non-finite objectives (no score: diverged, failed, pruned) sort last, in id order.
 */
public final class Ranking {
  private Ranking() {}

  public static <T> Comparator<T> bestFirst(Direction direction, ToDoubleFunction<T> objective,
      Function<T, String> id) {
    Comparator<T> scoredFirst = Comparator.comparing(t -> !Double.isFinite(objective.applyAsDouble(t)));
    return scoredFirst
        .thenComparing((a, b) -> better(direction, objective.applyAsDouble(a), objective.applyAsDouble(b)))
        .thenComparing(id);
  }

  /** Negative when {@code a} is better; unscored values compare equal (they are grouped last already). */
  private static int better(Direction direction, double a, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      return 0;
    }
    return direction == Direction.MAXIMIZE ? Double.compare(b, a) : Double.compare(a, b);
  }
}
