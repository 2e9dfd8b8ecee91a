package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ParamDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {
  private static final List<Object> ACTIVATIONS = List.of("relu", "tanh", "elu");

  private static Map<String, ParamDomain> space() {
    Map<String, ParamDomain> space = new LinkedHashMap<>();
    space.put("train.optimizer.lr", new ParamDomain.LogUniform(1e-5, 1e-1, 0));
    space.put("train.dropout", new ParamDomain.Uniform(-1, 2, 0));
    space.put("model.width", new ParamDomain.IntRange(3, 5, false));
    space.put("model.depth", new ParamDomain.IntRange(1, 1000, true));
    space.put("model.activation", new ParamDomain.Choice(ACTIVATIONS));
    return space;
  }

  private static List<Double> doubles(List<Map<String, Object>> trials, String path) {
    List<Double> values = new ArrayList<>();
    trials.forEach(t -> values.add((Double) t.get(path)));
    return values;
  }

  @Test
  void sameSeedGivesSameTrialsAndAnotherSeedDifferentOnes() {
    assertEquals(RandomSampler.samples(space(), 42, 20), RandomSampler.samples(space(), 42, 20));
    assertNotEquals(RandomSampler.samples(space(), 42, 20), RandomSampler.samples(space(), 43, 20));
  }

  @Test
  void trialDependsOnlyOnSeedAndIndex() {
    List<Map<String, Object>> fifty = RandomSampler.samples(space(), 7, 50);
    // The first 5 of 50 are the 5 of a 5-trial sweep, and trial 3 alone is trial 3 of both.
    assertEquals(fifty.subList(0, 5), RandomSampler.samples(space(), 7, 5));
    assertEquals(fifty.get(3), RandomSampler.sample(space(), 7, 3));
  }

  @Test
  void mapIterationOrderDoesNotMatter() {
    // Same dimensions in sorted rather than insertion order: identical trials.
    assertEquals(RandomSampler.samples(space(), 5, 10), RandomSampler.samples(new TreeMap<>(space()), 5, 10));
  }

  @Test
  void valuesHaveTheConfigTypesAndKeysAreSorted() {
    Map<String, Object> trial = RandomSampler.sample(space(), 1, 0);
    assertEquals(List.of("model.activation", "model.depth", "model.width", "train.dropout", "train.optimizer.lr"),
        new ArrayList<>(trial.keySet()));
    assertEquals(Double.class, trial.get("train.optimizer.lr").getClass());
    assertEquals(Double.class, trial.get("train.dropout").getClass());
    assertEquals(Integer.class, trial.get("model.width").getClass());
    assertEquals(Integer.class, trial.get("model.depth").getClass());
    // The choice's own object, not a copy.
    Object activation = trial.get("model.activation");
    assertSame(ACTIVATIONS.get(ACTIVATIONS.indexOf(activation)), activation);
  }

  @Test
  void boundsAreRespectedAndEveryIntegerAndChoiceOccurs() {
    List<Map<String, Object>> trials = RandomSampler.samples(space(), 11, 2000);
    for (Map<String, Object> t : trials) {
      double lr = (Double) t.get("train.optimizer.lr");
      double dropout = (Double) t.get("train.dropout");
      int depth = (Integer) t.get("model.depth");
      assertTrue(lr >= 1e-5 && lr <= 1e-1, "lr " + lr);
      assertTrue(dropout >= -1 && dropout < 2, "dropout " + dropout);
      assertTrue(depth >= 1 && depth <= 1000, "depth " + depth);
    }
    // Inclusive int range: both ends are drawn; every choice is drawn.
    assertEquals(Set.of(3, 4, 5), Set.copyOf(trials.stream().map(t -> t.get("model.width")).toList()));
    assertEquals(Set.copyOf(ACTIVATIONS), Set.copyOf(trials.stream().map(t -> t.get("model.activation")).toList()));
  }

  @Test
  void logUniformSpreadsEvenlyOverDecades() {
    // [1e-5, 1e-1] spans 4 decades: each should get 25% of 4000 draws, within 3 points (880..1120).
    int[] perDecade = new int[4];
    for (double lr : doubles(RandomSampler.samples(space(), 2024, 4000), "train.optimizer.lr")) {
      perDecade[Math.min(3, (int) Math.floor(Math.log10(lr) + 5))]++;
    }
    for (int count : perDecade) {
      assertTrue(Math.abs(count - 1000) <= 120, "decade counts " + java.util.Arrays.toString(perDecade));
    }
  }

  @Test
  void logIntFavoursSmallValuesLikeLogSpace() {
    // P(depth <= 10) for floor(exp(U(ln 1, ln 1001))) is ln 11 / ln 1001 = 0.347; a uniform int would give 0.01.
    long small = RandomSampler.samples(space(), 3, 4000).stream()
        .filter(t -> (Integer) t.get("model.depth") <= 10).count();
    assertEquals(0.347, small / 4000.0, 0.04);
  }

  @Test
  void uniformIntegersAreEquallyLikely() {
    // width in {3, 4, 5}: each about 1/3 of 3000 draws (sd ~26, so +-130 is ~5 sd).
    Map<Object, Integer> counts = new TreeMap<>();
    RandomSampler.samples(space(), 9, 3000).forEach(t -> counts.merge(t.get("model.width"), 1, Integer::sum));
    counts.values().forEach(c -> assertEquals(1000, c, 130, "counts " + counts));
  }
}
