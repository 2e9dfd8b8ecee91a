package io.troupe.search.tpe;

import io.troupe.config.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Observations split into TPE's good group (the best gamma(n)) and bad group (the rest), each in
 * the order given (oldest first), with Optuna's weights.
 *
 * <p>Failed observations (non-finite objective) are always bad: the search learns to leave a
 * diverging region. Pending points (asked, not yet told) join the bad group as if they had failed:
 * the constant liar (Optuna's constant_liar=True), so parallel asks do not pile onto one point.
 * Neither counts toward the good group's size, which comes from the finished observations alone.
 */
record Groups(List<Map<String, Object>> good, List<Map<String, Object>> bad) {
  /** Optuna's default_gamma cap on the good group's size. */
  private static final int MAX_GOOD = 25;
  /** Observations beyond this many (the newest) have weight 1; older ones ramp down (Optuna's default_weights). */
  private static final int FLAT_WEIGHTS = 25;

  static Groups of(Direction direction, List<Observation> observed, List<Map<String, Object>> pending) {
    double sign = direction == Direction.MAXIMIZE ? -1 : 1;
    // Stable sort by loss: ties keep their order, as numpy's stable argsort does.
    List<Integer> ranked = IntStream.range(0, observed.size()).boxed()
        .filter(i -> !observed.get(i).failed())
        .sorted(Comparator.comparingDouble(i -> sign * observed.get(i).objective()))
        .toList();
    boolean[] isGood = new boolean[observed.size()];
    ranked.subList(0, Math.min(gamma(observed.size()), ranked.size())).forEach(i -> isGood[i] = true);
    List<Map<String, Object>> good = new ArrayList<>();
    List<Map<String, Object>> bad = new ArrayList<>();
    for (int i = 0; i < observed.size(); i++) {
      (isGood[i] ? good : bad).add(observed.get(i).params());
    }
    bad.addAll(pending);
    return new Groups(good, bad);
  }

  /** The good group's size for n observations: Optuna's default_gamma, min(ceil(0.1 n), 25). */
  static int gamma(int n) {
    return Math.min((n + 9) / 10, MAX_GOOD);
  }

  /**
   * Weights of n points, oldest first: 1 each up to 25; beyond, the newest 25 have 1 and the older
   * ones a ramp from 1/n up to 1, so the bad group forgets where the search was long ago.
   */
  static double[] weights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int ramp = n - FLAT_WEIGHTS;
    for (int i = 0; i < ramp; i++) {
      // numpy's linspace(1/n, 1, ramp)
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1 - 1.0 / n) / (ramp - 1);
    }
    return w;
  }
}
