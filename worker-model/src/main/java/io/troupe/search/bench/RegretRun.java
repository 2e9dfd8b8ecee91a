package io.troupe.search.bench;

import io.troupe.data.Seeds;
import io.troupe.search.tpe.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One search run on a test function: sequential trials, and the simple regret after each budget.
 * The recommended point after t trials is the one with the best observed value so far (with
 * noise, what a user would pick); its regret is its noiseless value minus the known minimum.
 */
public final class RegretRun {
  private RegretRun() {}

  /** Regret after each of {@code budgets} (ascending) trials of {@code method} with {@code seed}. */
  public static double[] run(SearchMethod method, TestFunction f, long seed, int[] budgets) {
    SearchMethod.Asker asker = method.asker(f.space(), seed);
    // Stream -1: apart from every trial's (0, 1, ...); the same noise for every method with this seed.
    Random noise = new Random(Seeds.derive(seed, -1));
    List<Observation> observed = new ArrayList<>();
    double bestObserved = Double.POSITIVE_INFINITY;
    double bestTrue = Double.NaN;
    double[] regrets = new double[budgets.length];
    int next = 0;
    for (int t = 0; next < budgets.length; t++) {
      Map<String, Object> point = asker.ask(t, observed);
      double truth = f.at(point);
      double seen = f.noiseSd() > 0 ? truth + f.noiseSd() * noise.nextGaussian() : truth;
      observed.add(new Observation(point, seen));
      if (seen < bestObserved) {
        bestObserved = seen;
        bestTrue = truth;
      }
      while (next < budgets.length && budgets[next] == t + 1) {
        regrets[next++] = bestTrue - f.minimum();
      }
    }
    return regrets;
  }
}
