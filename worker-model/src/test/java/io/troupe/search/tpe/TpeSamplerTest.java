package io.troupe.search.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.Direction;
import io.troupe.config.ParamDomain;
import io.troupe.search.RandomSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
  private static final List<Object> ACTIVATIONS = List.of("relu", "tanh", "elu");
  private static final List<Object> WIDTHS = List.of(List.of(64), List.of(128, 64), List.of(256, 128));

  private static Map<String, ParamDomain> everyKind() {
    Map<String, ParamDomain> space = new LinkedHashMap<>();
    space.put("train.optimizer.lr", new ParamDomain.LogUniform(1e-5, 1e-1, 0));
    space.put("train.dropout", new ParamDomain.Uniform(-1, 2, 0));
    space.put("model.width", new ParamDomain.IntRange(3, 5, false));
    space.put("model.depth", new ParamDomain.IntRange(1, 1000, true));
    space.put("model.activation", new ParamDomain.Choice(ACTIVATIONS));
    space.put("model.hidden", new ParamDomain.Choice(WIDTHS));
    space.put("train.batchSize", new ParamDomain.IntRange(64, 64, false));
    space.put("model.only", new ParamDomain.Choice(List.of("one")));
    return space;
  }

  /** A made-up objective over every kind, so TPE has something to learn. */
  private static double objective(Map<String, Object> t) {
    double lr = Math.log10((Double) t.get("train.optimizer.lr")) + 3;
    double dropout = (Double) t.get("train.dropout") - 0.3;
    double width = ((Number) t.get("model.width")).doubleValue() - 4;
    double depth = Math.log(((Number) t.get("model.depth")).doubleValue()) - 3;
    double act = t.get("model.activation").equals("tanh") ? 0 : 1;
    double hidden = t.get("model.hidden").equals(List.of(128, 64)) ? 0 : 0.5;
    return lr * lr + dropout * dropout + width * width + depth * depth + act + hidden;
  }

  /** {@code n} sequential trials of {@code sampler}, each observed with {@code f}. */
  private static List<Observation> run(TpeSampler sampler, int n, ToDoubleFunction<Map<String, Object>> f) {
    List<Observation> observed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> t = sampler.suggest(i, observed, List.of());
      observed.add(new Observation(t, f.applyAsDouble(t)));
    }
    return observed;
  }

  private static TpeSampler tpe(Map<String, ParamDomain> space, long seed, boolean multivariate) {
    return new TpeSampler(space, Direction.MINIMIZE, TpeSettings.DEFAULTS.withMultivariate(multivariate), seed);
  }

  @Test
  void theSameInputsGiveTheSameSuggestion() {
    for (boolean multivariate : new boolean[] {true, false}) {
      List<Observation> observed = run(tpe(everyKind(), 3, multivariate), 30, TpeSamplerTest::objective);
      List<Map<String, Object>> pending = List.of(observed.get(4).params());
      Map<String, Object> a = tpe(everyKind(), 3, multivariate).suggest(30, observed, pending);
      assertEquals(a, tpe(new java.util.TreeMap<>(everyKind()), 3, multivariate).suggest(30, observed, pending));
      assertNotEquals(a, tpe(everyKind(), 4, multivariate).suggest(30, observed, pending));
      assertNotEquals(a, tpe(everyKind(), 3, multivariate).suggest(31, observed, pending));
      // A whole run repeats exactly.
      assertEquals(observed, run(tpe(everyKind(), 3, multivariate), 30, TpeSamplerTest::objective));
    }
  }

  @Test
  void startUpTrialsAreRandomSearchWithTheSameSeed() {
    TpeSampler sampler = tpe(everyKind(), 11, true);
    List<Observation> observed = run(sampler, 10, TpeSamplerTest::objective);
    for (int i = 0; i < 10; i++) {
      assertEquals(RandomSampler.sample(everyKind(), 11, i), observed.get(i).params());
    }
    // Start-up counts finished observations: trial 12 asked with 9 told is still random.
    assertEquals(RandomSampler.sample(everyKind(), 11, 12), sampler.suggest(12, observed.subList(0, 9), List.of()));
    assertNotEquals(RandomSampler.sample(everyKind(), 11, 10), sampler.suggest(10, observed, List.of()));
  }

  @Test
  void everyKindIsInRangeOfItsTypeAndInSortedOrder() {
    for (boolean multivariate : new boolean[] {true, false}) {
      TpeSampler sampler = tpe(everyKind(), 5, multivariate);
      List<Observation> observed = run(sampler, 60, TpeSamplerTest::objective);
      for (Observation o : observed.subList(10, 60)) {
        Map<String, Object> t = o.params();
        assertEquals(List.of("model.activation", "model.depth", "model.hidden", "model.only", "model.width",
            "train.batchSize", "train.dropout", "train.optimizer.lr"), new ArrayList<>(t.keySet()));
        double lr = assertInstanceOf(Double.class, t.get("train.optimizer.lr"));
        assertTrue(lr >= 1e-5 && lr <= 1e-1, t.toString());
        double dropout = assertInstanceOf(Double.class, t.get("train.dropout"));
        assertTrue(dropout >= -1 && dropout <= 2, t.toString());
        int width = assertInstanceOf(Integer.class, t.get("model.width"));
        assertTrue(width >= 3 && width <= 5, t.toString());
        int depth = assertInstanceOf(Integer.class, t.get("model.depth"));
        assertTrue(depth >= 1 && depth <= 1000, t.toString());
        assertTrue(ACTIVATIONS.contains(t.get("model.activation")), t.toString());
        assertTrue(WIDTHS.contains(t.get("model.hidden")), t.toString());
        assertEquals(64, t.get("train.batchSize"));
        assertEquals("one", t.get("model.only"));
      }
    }
  }

  @Test
  void intsBeyondIntegerAreLongs() {
    Map<String, ParamDomain> space = Map.of("n", new ParamDomain.IntRange(1L << 40, 1L << 42, true));
    TpeSampler sampler = tpe(space, 1, true);
    List<Observation> observed = run(sampler, 15, t -> ((Long) t.get("n")).doubleValue());
    Object n = sampler.suggest(15, observed, List.of()).get("n");
    long v = assertInstanceOf(Long.class, n);
    assertTrue(v >= 1L << 40 && v <= 1L << 42, n.toString());
  }

  /** Median over seeds 0..30 of the best after {@code trials}, minimising {@code f}: TPE, or random if {@code multivariate} is null. */
  private static double medianBest(Map<String, ParamDomain> space, ToDoubleFunction<Map<String, Object>> f,
      Boolean multivariate, int trials) {
    double[] best = new double[31];
    for (int seed = 0; seed < best.length; seed++) {
      List<Observation> observed = multivariate != null
          ? run(tpe(space, seed, multivariate), trials, f)
          : RandomSampler.samples(space, seed, trials).stream().map(t -> new Observation(t, f.applyAsDouble(t))).toList();
      best[seed] = observed.stream().mapToDouble(Observation::objective).min().orElseThrow();
    }
    Arrays.sort(best);
    return best[best.length / 2];
  }

  @Test
  void beatsRandomSearchOnQuadraticsIn1And2Dimensions() {
    // Fixed seeds: deterministic, so this cannot flake. TPE's median best must be under half of random's.
    Map<String, ParamDomain> line = Map.of("x", new ParamDomain.Uniform(-5, 5, 0));
    ToDoubleFunction<Map<String, Object>> f1 = t -> Math.pow((Double) t.get("x") - 1.3, 2);
    Map<String, ParamDomain> plane = Map.of("x", new ParamDomain.Uniform(-5, 5, 0),
        "y", new ParamDomain.LogUniform(1e-3, 1e1, 0));
    ToDoubleFunction<Map<String, Object>> f2 = t -> Math.pow((Double) t.get("x") + 2, 2)
        + Math.pow(Math.log10((Double) t.get("y")) + 1, 2);
    double random1 = medianBest(line, f1, null, 40);
    double random2 = medianBest(plane, f2, null, 60);
    for (boolean multivariate : new boolean[] {true, false}) {
      double tpe1 = medianBest(line, f1, multivariate, 40);
      assertTrue(tpe1 < random1 / 2, multivariate + ", 1-D: TPE " + tpe1 + " vs random " + random1);
      double tpe2 = medianBest(plane, f2, multivariate, 60);
      assertTrue(tpe2 < random2 / 2, multivariate + ", 2-D: TPE " + tpe2 + " vs random " + random2);
    }
  }

  @Test
  void divergedTrialsPushSuggestionsOutOfTheirRegionInEitherDirection() {
    Map<String, ParamDomain> space = Map.of("lr", new ParamDomain.Uniform(0, 1, 0));
    for (boolean multivariate : new boolean[] {true, false}) {
      for (Direction direction : Direction.values()) {
        double sign = direction == Direction.MINIMIZE ? 1 : -1;
        // 30 trials evenly over [0, 1]: below 0.3 they diverged; the objective improves towards 0.2,
        // so were the divergences ignored, the search would walk into them.
        List<Observation> observed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          double x = (i + 0.5) / 30;
          observed.add(new Observation(Map.of("lr", x), x < 0.3 ? Double.NaN : sign * (x - 0.2) * (x - 0.2)));
        }
        List<Observation> finished = observed.stream().filter(o -> !o.failed()).toList();
        TpeSampler sampler = new TpeSampler(space, direction, TpeSettings.DEFAULTS.withMultivariate(multivariate), 4);
        int inRegion = 0;
        int inRegionUntold = 0;
        for (int i = 30; i < 130; i++) {
          inRegion += (Double) sampler.suggest(i, observed, List.of()).get("lr") < 0.3 ? 1 : 0;
          inRegionUntold += (Double) sampler.suggest(i, finished, List.of()).get("lr") < 0.3 ? 1 : 0;
        }
        // Untold, the trend draws TPE into the region; told, it stays out.
        String what = multivariate + " " + direction + ": " + inRegion + " of 100 suggestions in the diverging"
            + " region, " + inRegionUntold + " when the divergences are left out";
        assertTrue(inRegion <= 10, what);
        assertTrue(inRegionUntold >= 50, what);
      }
    }
  }

  @Test
  void onlyDivergedObservationsStillGiveSuggestionsAwayFromThem() {
    Map<String, ParamDomain> space = Map.of("lr", new ParamDomain.Uniform(0, 1, 0));
    List<Observation> observed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      observed.add(new Observation(Map.of("lr", 0.05 * i / 12), i % 2 == 0 ? Double.POSITIVE_INFINITY : Double.NaN));
    }
    TpeSampler sampler = new TpeSampler(space, Direction.MAXIMIZE, TpeSettings.DEFAULTS, 1);
    for (int i = 12; i < 22; i++) {
      double lr = (Double) sampler.suggest(i, observed, List.of()).get("lr");
      assertTrue(lr > 0.05, "trial " + i + " suggested " + lr);
    }
  }

  @Test
  void pendingTrialsAreLiesThatSpreadParallelAsks() {
    Map<String, ParamDomain> space = Map.of("x", new ParamDomain.Uniform(-5, 5, 0), "y", new ParamDomain.Uniform(-5, 5, 0));
    ToDoubleFunction<Map<String, Object>> f = t -> Math.pow((Double) t.get("x"), 2) + Math.pow((Double) t.get("y"), 2);
    for (boolean multivariate : new boolean[] {true, false}) {
      List<Observation> observed = run(tpe(space, 2, multivariate), 25, f);
      TpeSampler sampler = tpe(space, 2, multivariate);
      Map<String, Object> first = sampler.suggest(25, observed, List.of());
      Map<String, Object> second = sampler.suggest(26, observed, List.of(first));
      assertNotEquals(first, second);
      // Over many asks, a pending point repels: suggestions land farther from it than without it.
      double with = 0;
      double without = 0;
      for (int i = 26; i < 66; i++) {
        with += distance(first, sampler.suggest(i, observed, List.of(first, first, first)));
        without += distance(first, sampler.suggest(i, observed, List.of()));
      }
      assertTrue(with > without, multivariate + ": mean distance " + with / 40 + " with the pending point, "
          + without / 40 + " without");
    }
  }

  private static double distance(Map<String, Object> a, Map<String, Object> b) {
    return Math.hypot((Double) a.get("x") - (Double) b.get("x"), (Double) a.get("y") - (Double) b.get("y"));
  }

  @Test
  void badInputIsRefusedWithThePath() {
    TpeSampler sampler = tpe(everyKind(), 1, true);
    List<Observation> observed = run(sampler, 10, TpeSamplerTest::objective);
    List<Observation> missing = new ArrayList<>(observed);
    Map<String, Object> partial = new LinkedHashMap<>(observed.get(0).params());
    partial.remove("model.width");
    missing.set(0, new Observation(partial, 1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.suggest(10, missing, List.of()))
        .getMessage().contains("model.width"));
    List<Observation> foreign = new ArrayList<>(observed);
    Map<String, Object> odd = new LinkedHashMap<>(observed.get(0).params());
    odd.put("model.activation", "sigmoid");
    foreign.set(0, new Observation(odd, 1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.suggest(10, foreign, List.of()))
        .getMessage().contains("model.activation"));
    assertThrows(IllegalArgumentException.class, () -> sampler.suggest(-1, observed, List.of()));
  }
}
