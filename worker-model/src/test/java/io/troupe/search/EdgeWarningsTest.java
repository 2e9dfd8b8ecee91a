package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.ParamDomain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeWarningsTest {
  private static final Map<String, ParamDomain> SPACE = Map.of(
      "train.dropout", new ParamDomain.Uniform(0, 1, 0),
      "train.optimizer.lr", new ParamDomain.LogUniform(1e-5, 1e-1, 0),
      "train.epochs", new ParamDomain.IntRange(1, 100, false),
      "model.width", new ParamDomain.IntRange(16, 1024, true),
      "model.activation", new ParamDomain.Choice(List.of("relu", "tanh")));

  private static List<String> check(String path, Object value) {
    return EdgeWarnings.check(SPACE, Map.of(path, value));
  }

  @Test
  void lowerEdgeWarns() {
    assertEquals(List.of("train.dropout = 0.02 is at the lower edge of uniform [0, 1]: "
        + "the best may lie outside the range; widen it"), check("train.dropout", 0.02));
  }

  @Test
  void upperEdgeWarns() {
    assertEquals(List.of("train.epochs = 100 is at the upper edge of int [1, 100]: "
        + "the best may lie outside the range; widen it"), check("train.epochs", 100));
    assertEquals(List.of("train.dropout = 0.97 is at the upper edge of uniform [0, 1]: "
        + "the best may lie outside the range; widen it"), check("train.dropout", 0.97));
  }

  @Test
  void middleDoesNotWarn() {
    assertEquals(List.of(), check("train.dropout", 0.5));
    // Just beyond 5% of the width from either end.
    assertEquals(List.of(), check("train.dropout", 0.06));
    assertEquals(List.of(), check("train.epochs", 90));
  }

  @Test
  void logUniformIsJudgedInLogSpace() {
    // 1.2e-5 is 0.08 decades above 1e-5, under 5% of 4 decades (0.2): warns.
    assertEquals(List.of("train.optimizer.lr = 1.2e-05 is at the lower edge of logUniform [1e-05, 0.1]: "
        + "the best may lie outside the range; widen it"), check("train.optimizer.lr", 1.2e-5));
    // 1e-3 is mid-range in log space, though within 5% of the linear width from the bottom.
    assertEquals(List.of(), check("train.optimizer.lr", 1e-3));
    assertEquals(List.of("train.optimizer.lr = 0.0987 is at the upper edge of logUniform [1e-05, 0.1]: "
        + "the best may lie outside the range; widen it"), check("train.optimizer.lr", 0.0987));
  }

  @Test
  void logIntIsJudgedInLogSpace() {
    // 32 is one octave above 16 of 6 octaves: no warning (linearly it would be within 5% of 1008).
    assertEquals(List.of(), check("model.width", 32));
    assertEquals(1, check("model.width", 1000).size());
  }

  @Test
  void choiceNeverWarnsAndWarningsComeInPathOrder() {
    assertEquals(List.of(), check("model.activation", "relu"));
    List<String> warnings = EdgeWarnings.check(SPACE, Map.of("train.optimizer.lr", 1e-5, "train.dropout", 1.0));
    assertEquals(2, warnings.size());
    assertEquals(true, warnings.get(0).startsWith("train.dropout = 1 is at the upper edge"), warnings.get(0));
    assertEquals(true, warnings.get(1).startsWith("train.optimizer.lr = 1e-05 is at the lower edge"), warnings.get(1));
  }
}
