package io.troupe.search;

import io.troupe.config.ParamDomain;
import io.troupe.config.PbtSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * PBT's explore step: the values a member takes with a copied checkpoint are the copied member's,
 * each mutable path perturbed by a factor drawn from pbt.perturb (or, with probability pbt.resample,
 * drawn afresh from its search.space domain). A perturbed value stays inside the path's domain: a
 * real range clips it, an int range rounds and clips it, a choice moves one step (down for a factor
 * below 1, up above 1). Without a domain, a value the config refuses (a dropout of 1.08) is not
 * taken: the copied one stays.
 */
public final class PbtExplore {
  private final List<String> mutable;
  private final List<Double> factors;
  private final double resample;
  private final Map<String, ParamDomain> space;
  private final BiPredicate<String, Object> valid;

  /** @param valid whether the config accepts a value at a path that has no domain in {@code space} */
  public PbtExplore(PbtSpec pbt, Map<String, ParamDomain> space, BiPredicate<String, Object> valid) {
    this.mutable = List.copyOf(new TreeSet<>(pbt.mutable())); // sorted: each draw goes to the same path every run
    this.factors = pbt.perturb();
    this.resample = pbt.resample();
    this.space = space;
    this.valid = valid;
  }

  /** The copied values with every mutable path explored; three draws per path, whatever is done with them. */
  public Map<String, Object> explore(Map<String, Object> copied, Random rng) {
    Map<String, Object> values = new LinkedHashMap<>(copied);
    for (String path : mutable) {
      boolean redraw = rng.nextDouble() < resample && space.containsKey(path);
      double factor = factors.get(rng.nextInt(factors.size()));
      long drawSeed = rng.nextLong();
      Object value = redraw ? RandomSampler.sample(Map.of(path, space.get(path)), drawSeed, 0).get(path)
          : perturbed(path, copied.get(path), factor);
      // A domain's values are valid (SearchSpaceValidator probed its bounds); others are checked.
      if (space.containsKey(path) || valid.test(path, value)) {
        values.put(path, value);
      }
    }
    return values;
  }

  /** {@code value} times {@code factor}, kept in the path's domain if it has one. */
  Object perturbed(String path, Object value, double factor) {
    ParamDomain domain = space.get(path);
    if (domain instanceof ParamDomain.Choice c) {
      int at = c.values().indexOf(value);
      int step = factor < 1 ? -1 : factor > 1 ? 1 : 0;
      return c.values().get(Math.max(0, Math.min(c.values().size() - 1, at + step)));
    }
    double scaled = Numbers.toDouble(path, value) * factor;
    if (domain instanceof ParamDomain.IntRange r) {
      return Numbers.boxInt(Math.max(r.low(), Math.min(r.high(), Math.round(scaled))));
    }
    if (domain instanceof ParamDomain.Uniform u) {
      return Math.max(u.low(), Math.min(u.high(), scaled));
    }
    if (domain instanceof ParamDomain.LogUniform l) {
      return Math.max(l.low(), Math.min(l.high(), scaled));
    }
    boolean integral = value instanceof Integer || value instanceof Long;
    return integral ? Numbers.boxInt(Math.round(scaled)) : (Object) scaled;
  }

  /** "train.optimizer.lr 0.0123 -> 0.0148" for each path whose value changed, for the notes. */
  public static String changes(Map<String, Object> before, Map<String, Object> after) {
    StringBuilder s = new StringBuilder();
    after.forEach((path, value) -> {
      Object was = before.get(path);
      if (!value.equals(was)) {
        s.append(s.length() == 0 ? "" : ", ").append(path).append(' ').append(text(was)).append(" -> ")
            .append(text(value));
      }
    });
    return s.length() == 0 ? "values unchanged" : s.toString();
  }

  private static String text(Object value) {
    return value instanceof Double d ? Numbers.text(d) : String.valueOf(value);
  }
}
