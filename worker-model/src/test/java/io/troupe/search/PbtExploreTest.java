package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ParamDomain;
import io.troupe.config.PbtSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PbtExploreTest {
  private static final Map<String, ParamDomain> SPACE = Map.of(
      "train.optimizer.lr", new ParamDomain.LogUniform(1.0e-4, 0.1, 0),
      "model.dropout", new ParamDomain.Uniform(0.0, 0.5, 0),
      "train.batchSize", new ParamDomain.IntRange(1, 10, false),
      "model.hidden", new ParamDomain.Choice(List.of(List.of(4), List.of(8), List.of(16))));

  private static PbtSpec pbt(String settings) {
    return ConfigLoader.parse("search: {pbt: " + settings + "}", "p.yaml", "p", List.of()).search().pbt();
  }

  private static PbtExplore explore(String settings) {
    return new PbtExplore(pbt(settings), SPACE, (path, value) -> !(value instanceof Double d && d >= 1));
  }

  @Test
  void aFactorScalesAValueInsideItsDomain() {
    PbtExplore e = explore("{mutable: [train.optimizer.lr]}");
    assertEquals(0.008, (double) e.perturbed("train.optimizer.lr", 0.01, 0.8), 1e-15);
    assertEquals(0.1, e.perturbed("train.optimizer.lr", 0.09, 1.2), "clipped to the domain's upper bound");
    assertEquals(0.0, e.perturbed("model.dropout", 0.0, 1.2));
    assertEquals(10, e.perturbed("train.batchSize", 9, 1.2), "10.8 rounds to 11, clipped to 10");
    assertEquals(5, e.perturbed("train.batchSize", 6, 0.8), "4.8 rounds to 5");
  }

  @Test
  void aChoiceMovesOneStepInTheFactorsDirection() {
    PbtExplore e = explore("{mutable: [model.hidden]}");
    assertEquals(List.of(4), e.perturbed("model.hidden", List.of(8), 0.8));
    assertEquals(List.of(16), e.perturbed("model.hidden", List.of(8), 1.2));
    assertEquals(List.of(16), e.perturbed("model.hidden", List.of(16), 1.2), "no step past the last choice");
    assertEquals(List.of(8), e.perturbed("model.hidden", List.of(8), 1.0));
  }

  @Test
  void withoutADomainAnIntStaysAnIntAndARefusedValueIsNotTaken() {
    PbtExplore e = explore("{mutable: [train.l2, train.epochs]}");
    assertEquals(12, e.perturbed("train.epochs", 10, 1.2));
    assertEquals(0.4, (double) e.perturbed("train.l2", 0.5, 0.8), 1e-15);
    Map<String, Object> copied = Map.of("train.l2", 0.9, "train.epochs", 10);
    PbtExplore up = explore("{mutable: [train.l2], perturb: [1.2]}");
    assertEquals(0.9, up.explore(copied, new Random(1)).get("train.l2"), "1.08 is refused: the copied 0.9 stays");
  }

  @Test
  void exploreChangesOnlyMutablePathsByOneOfTheFactors() {
    PbtExplore e = explore("{mutable: [train.optimizer.lr], perturb: [0.5, 2.0]}");
    Map<String, Object> copied = Map.of("train.optimizer.lr", 0.01, "model.hidden", List.of(8));
    for (int seed = 0; seed < 20; seed++) {
      Map<String, Object> explored = e.explore(copied, new Random(seed));
      assertEquals(List.of(8), explored.get("model.hidden"));
      double lr = (double) explored.get("train.optimizer.lr");
      assertTrue(Math.abs(lr - 0.005) < 1e-15 || Math.abs(lr - 0.02) < 1e-15, "lr " + lr);
    }
    assertEquals(e.explore(copied, new Random(3)), e.explore(copied, new Random(3)), "deterministic");
  }

  @Test
  void resamplingDrawsAfreshFromTheDomain() {
    PbtExplore e = explore("{mutable: [train.optimizer.lr], resample: 1.0}");
    Map<String, Object> copied = Map.of("train.optimizer.lr", 0.01);
    double lr = (double) e.explore(copied, new Random(5)).get("train.optimizer.lr");
    assertTrue(lr >= 1.0e-4 && lr <= 0.1, "inside the domain: " + lr);
    assertNotEquals(0.008, lr, 1e-12);
    assertNotEquals(0.012, lr, 1e-12);
  }

  @Test
  void changesNameEachPathThatMoved() {
    assertEquals("train.optimizer.lr 0.01 -> 0.012",
        PbtExplore.changes(Map.of("train.optimizer.lr", 0.01, "model.hidden", List.of(8)),
            Map.of("train.optimizer.lr", 0.012, "model.hidden", List.of(8))));
    assertEquals("values unchanged", PbtExplore.changes(Map.of("train.l2", 0.5), Map.of("train.l2", 0.5)));
  }
}
