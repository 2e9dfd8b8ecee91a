package io.troupe.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightTest {
  private static final String HEALTHY = """
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 500, testSize: 100, features: 10, classes: 4}}
      model: {hidden: [32], activation: tanh, init: xavier}
      train: {batchSize: 50, optimizer: {lr: 0.01}}
      """;

  private static List<CheckOutcome> run(String yaml, String... sets) {
    ExperimentSpec spec = ConfigLoader.parse(yaml, "p.yaml", "p", List.of(sets));
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    return Preflight.run(spec, splits, io.troupe.model.ModelFile.NONE);
  }

  @Test
  void aHealthyConfigPassesEveryCheck() {
    List<CheckOutcome> outcomes = run(HEALTHY);
    assertEquals(5, outcomes.size());
    outcomes.forEach(o -> assertTrue(o.passed(), o.toString()));
  }

  @Test
  void unscaledInputsAndABadInitFailTheirChecks() {
    List<CheckOutcome> outcomes = run(HEALTHY, "data.scaling=none", "model.init=normal");
    // N(0,1) weights on raw inputs make the first loss far from ln 4; raw blobs are not zero-mean.
    assertFalse(outcomes.get(0).passed(), outcomes.get(0).toString());
    assertTrue(outcomes.get(0).detail().contains("vs ln 4"), outcomes.get(0).toString());
    assertFalse(outcomes.get(4).passed(), outcomes.get(4).toString());
  }

  @Test
  void aTinyLearningRateCannotOverfitTheSmallSample() {
    CheckOutcome overfit = run(HEALTHY, "train.optimizer.type=sgd", "train.optimizer.lr=1e-6").get(1);
    assertFalse(overfit.passed(), overfit.toString());
  }

  @Test
  void theGradientCheckAgreesOnAGraphWithBatchNorm() {
    // The numerical gradient is of the training-mode loss, as the analytic one: batch norm on the batch's statistics.
    ExperimentSpec spec = ConfigLoader.parse(HEALTHY, "p.yaml", "p", List.of("model.type=factory",
        "model.factory=io.troupe.testing.nets.ResidualMlp", "model.params.width=8", "model.params.batchNorm=true"));
    CheckOutcome gradients = Preflight.gradients(spec, DataLoader.load(spec.data(), spec.dataSeed()), io.troupe.model.ModelFile.NONE);
    assertTrue(gradients.passed(), gradients.toString());
    ExperimentSpec builtIn = ConfigLoader.parse(HEALTHY, "p.yaml", "p", List.of("model.batchNorm=true"));
    CheckOutcome stack = Preflight.gradients(builtIn, DataLoader.load(builtIn.data(), builtIn.dataSeed()),
        io.troupe.model.ModelFile.NONE);
    assertTrue(stack.passed(), stack.toString());
  }
}
