package io.troupe.search;

import io.troupe.config.Direction;
import io.troupe.config.ParamDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Coarse-to-fine search (seeds 001, 002): "first stage: only a few epochs, wide range ... second
 * stage: longer running time, finer search". Between stages the space is narrowed around the
 * previous stage's best trials.
 */
public final class CoarseToFine {
  private CoarseToFine() {}

  /**
   * The space for the next stage. Takes the {@code topK} best scored trials of {@code previous}
   * (ties broken by trial id; unscored trials ignored) and, per dimension, shrinks the range to
   * the span of their values, widened on each side by {@code margin} times that span (in log space
   * for logUniform and log int) and clipped to the original range. If all top values are equal,
   * the widening is {@code margin} times the original width instead. Grid points and the int log
   * flag are kept. A choice keeps only the choices the top trials used, in the original order.
   *
   * @param margin fraction of the span added on each side; 0 gives exactly [min, max]
   * @throws IllegalArgumentException if no trial has a finite objective, or a top trial lacks a
   *     value for a dimension or has one of the wrong type
   */
  public static Map<String, ParamDomain> narrow(Map<String, ParamDomain> space, List<ScoredTrial> previous,
      int topK, double margin, Direction direction) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be a finite number >= 0, got " + margin);
    }
    List<ScoredTrial> top = top(previous, topK, direction);
    Map<String, ParamDomain> narrowed = new TreeMap<>();
    new TreeMap<>(space).forEach((path, domain) ->
        narrowed.put(path, narrowOne(path, domain, valuesOf(path, top), margin)));
    return Collections.unmodifiableMap(narrowed);
  }

  /**
   * One line per dimension (sorted paths) saying how it changed, e.g.
   * "train.optimizer.lr: logUniform [1e-05, 0.1] -> [0.000201, 0.00187]".
   */
  public static List<String> describe(Map<String, ParamDomain> before, Map<String, ParamDomain> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<String> lines = new ArrayList<>();
    for (String path : paths) {
      ParamDomain was = before.get(path);
      ParamDomain now = after.get(path);
      if (was == null) {
        lines.add(path + ": (new) -> " + DomainText.of(now));
      } else if (now == null) {
        lines.add(path + ": " + DomainText.of(was) + " -> (removed)");
      } else {
        boolean sameKind = DomainText.kind(was).equals(DomainText.kind(now));
        lines.add(path + ": " + DomainText.of(was) + " -> " + (sameKind ? DomainText.range(now) : DomainText.of(now)));
      }
    }
    return Collections.unmodifiableList(lines);
  }

  private static List<ScoredTrial> top(List<ScoredTrial> previous, int topK, Direction direction) {
    List<ScoredTrial> top = previous.stream()
        .filter(ScoredTrial::isScored)
        .sorted(Ranking.bestFirst(direction, ScoredTrial::objective, ScoredTrial::trialId))
        .limit(topK)
        .toList();
    if (top.isEmpty()) {
      throw new IllegalArgumentException("cannot narrow the search space: none of the " + previous.size()
          + " previous trials has a finite objective (all failed or diverged)");
    }
    return top;
  }

  private static List<Object> valuesOf(String path, List<ScoredTrial> top) {
    List<Object> values = new ArrayList<>();
    for (ScoredTrial trial : top) {
      if (!trial.params().containsKey(path)) {
        throw new IllegalArgumentException("trial " + trial.trialId() + " has no value for " + path);
      }
      values.add(trial.params().get(path));
    }
    return values;
  }

  private static ParamDomain narrowOne(String path, ParamDomain domain, List<Object> values, double margin) {
    if (domain instanceof ParamDomain.Uniform u) {
      double[] b = linear(doubles(path, values, u.low(), u.high()), margin, u.low(), u.high());
      return new ParamDomain.Uniform(b[0], b[1], u.points());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      double[] b = logarithmic(doubles(path, values, l.low(), l.high()), margin, l.low(), l.high());
      return new ParamDomain.LogUniform(b[0], b[1], l.points());
    } else if (domain instanceof ParamDomain.IntRange r) {
      return integers(path, r, values, margin);
    }
    return choices(path, (ParamDomain.Choice) domain, values);
  }

  /** [min, max] of the values, each first clamped into [low, high] so the result stays inside. */
  private static double[] doubles(String path, List<Object> values, double low, double high) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Object value : values) {
      double v = Math.min(high, Math.max(low, Numbers.toDouble(path, value)));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {min, max};
  }

  private static double[] linear(double[] span, double margin, double low, double high) {
    double pad = margin * (span[1] > span[0] ? span[1] - span[0] : high - low);
    return new double[] {Math.max(low, span[0] - pad), Math.min(high, span[1] + pad)};
  }

  private static double[] logarithmic(double[] span, double margin, double low, double high) {
    double lnMin = Math.log(span[0]);
    double lnMax = Math.log(span[1]);
    double pad = margin * (lnMax > lnMin ? lnMax - lnMin : Math.log(high) - Math.log(low));
    // With no padding keep the values themselves: exp(log(x)) need not give back x exactly.
    double lo = pad == 0 ? span[0] : Math.max(low, Math.exp(lnMin - pad));
    double hi = pad == 0 ? span[1] : Math.min(high, Math.exp(lnMax + pad));
    return new double[] {lo, hi};
  }

  private static ParamDomain.IntRange integers(String path, ParamDomain.IntRange r, List<Object> values, double margin) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Object value : values) {
      long v = Math.min(r.high(), Math.max(r.low(), Numbers.toLong(path, value)));
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (r.log() && r.low() <= 0) {
      throw new IllegalArgumentException(path + ": log int range needs a lower bound > 0, got " + r.low());
    }
    if (r.log()) {
      // Log ints (widths, batch sizes) are narrowed in log space, like logUniform; round outward.
      double[] b = logarithmic(new double[] {min, max}, margin, r.low(), r.high());
      // round12 first, so exp's error (31.999999999999996 for 32) does not push a bound outward.
      long lo = Math.max(r.low(), (long) Math.floor(Numbers.round12(b[0])));
      long hi = Math.min(r.high(), (long) Math.ceil(Numbers.round12(b[1])));
      return new ParamDomain.IntRange(lo, hi, true);
    }
    double pad = margin * (max > min ? (double) max - min : (double) r.high() - r.low());
    return new ParamDomain.IntRange(down(min, pad, r.low()), up(max, pad, r.high()), false);
  }

  /** v - pad rounded down (outward), but not below floor; compares in double to avoid overflow. */
  private static long down(long v, double pad, long floor) {
    return (double) v - (double) floor <= pad ? floor : v - (long) Math.ceil(pad);
  }

  /** v + pad rounded up (outward), but not above ceiling. */
  private static long up(long v, double pad, long ceiling) {
    return (double) ceiling - (double) v <= pad ? ceiling : v + (long) Math.ceil(pad);
  }

  private static ParamDomain.Choice choices(String path, ParamDomain.Choice choice, List<Object> used) {
    // equals on the Jackson-converted values: Integer 64 and Long 64 differ, as they do in the config.
    List<Object> kept = choice.values().stream().filter(used::contains).toList();
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(path + ": none of the top trials' values " + used
          + " is among the choices " + choice.values());
    }
    return new ParamDomain.Choice(kept);
  }
}
