package io.troupe.search;

import io.troupe.config.ParamDomain;
import io.troupe.data.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random search. Trial i draws from its own generator seeded with {@code Seeds.derive(seed, i)},
 * so its values depend only on the seed and i: not on how many trials run, nor on the others.
 * Log domains are sampled uniformly in log space (seed 002: "optimise in log space").
 */
public final class RandomSampler {
  private RandomSampler() {}

  /**
   * Trials 0..n-1 of the sweep with this {@code seed}: element i equals {@code sample(space, seed, i)}.
   * (Named apart from {@code sample}: both would take (Map, long, int).)
   */
  public static List<Map<String, Object>> samples(Map<String, ParamDomain> space, long seed, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of trials must be >= 0, got " + n);
    }
    List<Map<String, Object>> trials = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      trials.add(sample(space, seed, i));
    }
    return Collections.unmodifiableList(trials);
  }

  /**
   * Trial {@code index}'s values, path -> value in sorted path order: Double for uniform and
   * logUniform, Integer (Long if it does not fit) for int, the choice's own object for choice.
   */
  public static Map<String, Object> sample(Map<String, ParamDomain> space, long seed, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("trial index must be >= 0, got " + index);
    }
    Random rng = new Random(Seeds.derive(seed, index));
    Map<String, Object> trial = new LinkedHashMap<>();
    // Sorted order fixes which draw goes to which dimension, whatever the map's iteration order.
    new TreeMap<>(space).forEach((path, domain) -> trial.put(path, draw(path, domain, rng)));
    return Collections.unmodifiableMap(trial);
  }

  private static Object draw(String path, ParamDomain domain, Random rng) {
    if (domain instanceof ParamDomain.Uniform u) {
      return u.low() + rng.nextDouble() * (u.high() - u.low());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      return logUniform(path, l.low(), l.high(), rng);
    } else if (domain instanceof ParamDomain.IntRange r) {
      return Numbers.boxInt(r.log() ? logInt(path, r.low(), r.high(), rng) : uniformLong(r.low(), r.high(), rng));
    }
    List<Object> values = ((ParamDomain.Choice) domain).values();
    if (values.isEmpty()) {
      throw new IllegalArgumentException(path + ": choice has no values");
    }
    return values.get(rng.nextInt(values.size()));
  }

  private static double logUniform(String path, double low, double high, Random rng) {
    requirePositive(path, low);
    double v = Math.exp(Math.log(low) + rng.nextDouble() * (Math.log(high) - Math.log(low)));
    // exp(log(x)) can land an ulp outside [low, high].
    return Math.min(high, Math.max(low, v));
  }

  /** floor(exp(uniform(ln low, ln(high + 1)))): each integer's share is proportional to ln((k+1)/k). */
  private static long logInt(String path, long low, long high, Random rng) {
    requirePositive(path, low);
    double lnLow = Math.log(low);
    double lnTop = Math.log((double) high + 1);
    double v = Math.floor(Math.exp(lnLow + rng.nextDouble() * (lnTop - lnLow)));
    return Math.min(high, Math.max(low, (long) v));
  }

  /** A uniform integer in [low, high] inclusive, without overflowing at the ends of long. */
  private static long uniformLong(long low, long high, Random rng) {
    if (low == high) {
      return low;
    } else if (high < Long.MAX_VALUE) {
      return rng.nextLong(low, high + 1);
    } else if (low > Long.MIN_VALUE) {
      return rng.nextLong(low - 1, high) + 1;
    }
    return rng.nextLong();
  }

  private static void requirePositive(String path, double low) {
    if (!(low > 0)) {
      throw new IllegalArgumentException(path + ": log-space sampling needs a lower bound > 0, got " + low);
    }
  }
}
