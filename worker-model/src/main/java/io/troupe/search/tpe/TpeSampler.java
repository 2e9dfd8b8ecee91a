package io.troupe.search.tpe;

import io.troupe.config.Direction;
import io.troupe.config.ParamDomain;
import io.troupe.data.Seeds;
import io.troupe.search.RandomSampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Tree-structured Parzen estimator search (Bergstra et al. 2011), as Optuna 3.1's TPESampler with
 * its defaults: the first {@code startupTrials} trials are random search's (the same values as
 * {@link RandomSampler} with this seed), after that each trial splits the observations into the
 * best gamma(n) and the rest ({@link Groups}), fits a Parzen estimator to each, draws
 * {@code eiCandidates} points from the good one and takes the one where good / bad density is
 * largest. Multivariate (one joint density) or independent (one per dimension), by the settings.
 *
 * <p>Pure and deterministic: a suggestion depends only on the seed, the trial index, the
 * observations (in order) and the pending points, so a driver can ask from any thread or process
 * and a resumed study asks again what it asked before. Trial i draws from
 * {@code Seeds.derive(seed, i)}. Immutable, so one instance may serve concurrent asks.
 * Its Parzen estimators score points as Optuna 3.1's do (OptunaParityTest); the candidates differ
 * only through the random draws.
 */
public final class TpeSampler {
  private final Map<String, ParamDomain> space;
  private final List<Dimension> dims;
  private final List<Dimension> modelled;
  private final Direction direction;
  private final TpeSettings settings;
  private final long seed;

  public TpeSampler(Map<String, ParamDomain> space, Direction direction, TpeSettings settings, long seed) {
    // Sorted, as RandomSampler: the dimensions' order (and so the draws) never depends on the map's.
    this.space = Collections.unmodifiableMap(new TreeMap<>(space));
    this.direction = Objects.requireNonNull(direction, "direction");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seed = seed;
    List<Dimension> all = new ArrayList<>();
    this.space.forEach((path, domain) -> all.add(Dimension.of(path, domain)));
    this.dims = List.copyOf(all);
    this.modelled = all.stream().filter(d -> !d.fixed()).toList();
  }

  /**
   * Trial {@code trialIndex}'s values, path -> value in sorted path order (Double for uniform and
   * logUniform, Integer or Long for int, the choice's own object for choice).
   *
   * @param observed finished trials, oldest first; a non-finite objective is a diverged or failed
   *     trial and counts as the worst
   * @param pending trials asked but not yet told (their values): treated as worst observations (the
   *     constant liar), so concurrent asks spread out instead of repeating one point
   */
  public Map<String, Object> suggest(int trialIndex, List<Observation> observed, List<Map<String, Object>> pending) {
    if (trialIndex < 0) {
      throw new IllegalArgumentException("trial index must be >= 0, got " + trialIndex);
    }
    if (observed.size() < settings.startupTrials()) {
      return RandomSampler.sample(space, seed, trialIndex);
    }
    Groups groups = Groups.of(direction, observed, pending);
    double[][] good = encode(groups.good());
    double[][] bad = encode(groups.bad());
    double[] goodWeights = Groups.weights(good.length);
    double[] badWeights = Groups.weights(bad.length);
    Random rng = new Random(Seeds.derive(seed, trialIndex));
    double[] chosen = new double[modelled.size()];
    if (settings.multivariate()) {
      chosen = best(modelled, good, goodWeights, bad, badWeights, rng);
    } else {
      for (int j = 0; j < modelled.size(); j++) {
        chosen[j] = best(List.of(modelled.get(j)), column(good, j), goodWeights, column(bad, j), badWeights, rng)[0];
      }
    }
    Map<String, Object> trial = new LinkedHashMap<>();
    int j = 0;
    for (Dimension d : dims) {
      // Decoding clamps to the domain, so any coordinate gives a fixed dimension's one value.
      trial.put(d.path(), d.decode(d.fixed() ? 0 : chosen[j++]));
    }
    return Collections.unmodifiableMap(trial);
  }

  /** Of {@code eiCandidates} draws from the good density, the one where good / bad is largest (first on ties). */
  private double[] best(List<Dimension> over, double[][] good, double[] goodWeights, double[][] bad,
      double[] badWeights, Random rng) {
    ParzenEstimator l = ParzenEstimator.fit(over, good, goodWeights, settings.multivariate(), settings.priorWeight());
    ParzenEstimator g = ParzenEstimator.fit(over, bad, badWeights, settings.multivariate(), settings.priorWeight());
    double[][] candidates = l.sample(rng, settings.eiCandidates());
    double[] best = candidates[0];
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double[] c : candidates) {
      double score = l.logPdf(c) - g.logPdf(c);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /** Each trial's modelled values in model coordinates. */
  private double[][] encode(List<Map<String, Object>> trials) {
    double[][] points = new double[trials.size()][modelled.size()];
    for (int i = 0; i < trials.size(); i++) {
      Map<String, Object> t = trials.get(i);
      for (int j = 0; j < modelled.size(); j++) {
        Dimension d = modelled.get(j);
        Object value = t.get(d.path());
        if (value == null) {
          throw new IllegalArgumentException("a trial given to TPE has no value for " + d.path() + ": " + t);
        }
        points[i][j] = d.encode(value);
      }
    }
    return points;
  }

  private static double[][] column(double[][] points, int j) {
    double[][] c = new double[points.length][1];
    for (int i = 0; i < points.length; i++) {
      c[i][0] = points[i][j];
    }
    return c;
  }
}
