package io.troupe.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.model.ModelFactory;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.preflight.CheckOutcome.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

class PreflightTest {
  private static final String HEALTHY = """
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 500, testSize: 100, features: 10, classes: 4}}
      model: {hidden: [32], activation: tanh, init: xavier}
      train: {batchSize: 50, optimizer: {lr: 0.01}}
      """;

  private static ExperimentSpec spec(String yaml, String... sets) {
    return ConfigLoader.parse(yaml, "p.yaml", "p", List.of(sets));
  }

  private static DataSplits data(ExperimentSpec spec) {
    return DataLoader.load(spec.data(), spec.dataSeed());
  }

  private static List<CheckOutcome> run(String yaml, String... sets) {
    ExperimentSpec spec = spec(yaml, sets);
    return Preflight.run(spec, data(spec), ModelFile.NONE);
  }

  private static CheckOutcome gradients(String yaml, String... sets) {
    ExperimentSpec spec = spec(yaml, sets);
    return Preflight.gradients(spec, data(spec), ModelFile.NONE);
  }

  private static CheckOutcome zeroMean(String yaml, String... sets) {
    ExperimentSpec spec = spec(yaml, sets);
    return Preflight.zeroMeanInputs(spec, data(spec));
  }

  @Test
  void aHealthyConfigPassesEveryCheck() {
    List<CheckOutcome> outcomes = run(HEALTHY);
    assertEquals(5, outcomes.size());
    outcomes.forEach(o -> assertEquals(Verdict.PASS, o.verdict(), o.toString()));
  }

  @Test
  void unscaledInputsAndABadInitAreFlagged() {
    List<CheckOutcome> outcomes = run(HEALTHY, "data.scaling=none", "model.init=normal");
    // N(0,1) weights on raw inputs put the first loss 62% above ln 4 (under twice it: a warning);
    // raw blobs (centres in [-5, 5]) are off unit scale, which fails.
    assertEquals(Verdict.WARN, outcomes.get(0).verdict(), outcomes.get(0).toString());
    assertTrue(outcomes.get(0).detail().contains("vs ln 4"), outcomes.get(0).toString());
    assertEquals(Verdict.FAIL, outcomes.get(4).verdict(), outcomes.get(4).toString());
    assertTrue(outcomes.get(4).detail().contains("set data.scaling: standardize"), outcomes.get(4).toString());
  }

  @Test
  void unitScaledPixelsWarnWithTheirMeanAndTheFixButDoNotFail() {
    // Pixels / 255 lie in [0, 1]: off-centre (Fashion-MNIST's mean is about 0.29), but a standard setup that trains.
    String pixels = "data: {source: fashion-mnist, scaling: unit, subset: {train: 2000, validation: 200, test: 200}}";
    CheckOutcome unit = zeroMean(pixels);
    assertEquals(Verdict.WARN, unit.verdict(), unit.toString());
    assertTrue(unit.detail().matches("mean 0\\.2\\d\\d after unit scaling, largest per-feature \\|mean\\| 0\\.\\d+ .*"),
        unit.toString());
    assertTrue(unit.detail().contains("try data.scaling: standardize"), unit.toString());
    assertEquals(Verdict.PASS, zeroMean(pixels, "data.scaling=standardize").verdict());
    // Raw pixels (mean about 73) are beyond unit scale.
    CheckOutcome raw = zeroMean(pixels, "data.scaling=none");
    assertEquals(Verdict.FAIL, raw.verdict(), raw.toString());
  }

  @Test
  void rawPixelsFailTheInitialLossAndGradientChecksInsteadOfStoppingThem() {
    // 0..255 into He-initialised ReLU layers: logits in the thousands, a loss that overflows in double.
    String raw = """
        data: {source: fashion-mnist, scaling: none, subset: {train: 1000, validation: 200, test: 200}}
        model: {hidden: [64], activation: relu, init: he}
        """;
    CheckOutcome initial = Preflight.initialLoss(spec(raw), data(spec(raw)), ModelFile.NONE);
    assertEquals(Verdict.FAIL, initial.verdict(), initial.toString());
    assertTrue(initial.detail().contains("check model.init and data.scaling"), initial.toString());
    CheckOutcome gradients = gradients(raw);
    assertEquals(Verdict.FAIL, gradients.verdict(), gradients.toString());
  }

  @Test
  void anInitialLossOffChanceButBelowTwiceItWarns() {
    // Standardized pixels under He init start about 60% above ln 10 and train well.
    String standardized = """
        data: {source: fashion-mnist, scaling: standardize, validation: 0.1}
        model: {hidden: [256, 128], activation: relu, init: he}
        """;
    CheckOutcome initial = Preflight.initialLoss(spec(standardized), data(spec(standardized)), ModelFile.NONE);
    assertEquals(Verdict.WARN, initial.verdict(), initial.toString());
    assertTrue(initial.detail().contains("passes up to 25%, fails above 100%"), initial.toString());
  }

  @Test
  void aTinyLearningRateCannotOverfitTheSmallSample() {
    CheckOutcome overfit = run(HEALTHY, "train.optimizer.type=sgd", "train.optimizer.lr=1e-6").get(1);
    assertEquals(Verdict.FAIL, overfit.verdict(), overfit.toString());
  }

  @Test
  void stopRulesDoNotCutTheSmallSampleShort() {
    // A plateau stop rule is valid only with the plateau schedule, which the small-sample run replaces;
    // early stopping with patience 1 would end it once the sample's accuracy stops rising.
    List<CheckOutcome> outcomes = run(HEALTHY, "train.schedule.type=plateau", "train.schedule.stopAtReduction=4",
        "train.earlyStopping.patience=1", "train.earlyStopping.metric=val_accuracy");
    assertEquals(Verdict.PASS, outcomes.get(1).verdict(), outcomes.get(1).toString());
    assertTrue(outcomes.get(1).detail().contains("after 100 epochs"), outcomes.get(1).toString());
  }

  @Test
  void theGradientCheckAgreesOnAGraphWithBatchNorm() {
    // The numerical gradient is of the training-mode loss, as the analytic one: batch norm on the batch's statistics.
    CheckOutcome graph = gradients(HEALTHY, "model.type=factory", "model.factory=io.troupe.testing.nets.ResidualMlp",
        "model.params.width=8", "model.params.batchNorm=true");
    assertEquals(Verdict.PASS, graph.verdict(), graph.toString());
    CheckOutcome stack = gradients(HEALTHY, "model.batchNorm=true");
    assertEquals(Verdict.PASS, stack.verdict(), stack.toString());
  }

  @Test
  void aDl4jFileIsCheckedWithItsOwnUpdaterAndRegularisation(@TempDir Path dir) throws IOException {
    // A network exported with toJson() keeps its Adam (GradientCheckUtil refuses any updater but
    // NoOp) and its L2, which train.l2 does not reach: the small-sample runs go through model.overrides.
    ExperimentSpec exported = spec(HEALTHY, "train.l2=1e-3");
    String json = ModelFactory.build(exported.model(), exported.train(), NetworkShape.of(data(exported).train()),
        new Adam(0.01), 1).toJson();
    Path file = Files.writeString(dir.resolve("mlp.json"), json);
    ExperimentSpec spec = spec(HEALTHY, "model.type=dl4j-json", "model.file=" + file, "model.overrides.dropout=0.2");
    List<CheckOutcome> outcomes = Preflight.run(spec, data(spec), ModelFile.local(file));
    outcomes.forEach(o -> assertEquals(Verdict.PASS, o.verdict(), o.toString()));
    assertTrue(outcomes.get(2).detail().endsWith("with dropout 0.2, l2 0.001 (the config's)"), outcomes.get(2).toString());
  }

  @Test
  void aDisagreementThatReluKinksExplainWarns() {
    // A deep ReLU stack with tiny weights: activations vanish, so pre-activations sit within the
    // +-1e-6 step of ReLU's kink, and central differences there are wrong.
    String deep = HEALTHY.replace("hidden: [32], activation: tanh, init: xavier",
        "hidden: [16, 16, 16, 16, 16, 16, 16, 16, 16, 16], activation: relu, init: small-normal");
    CheckOutcome relu = gradients(deep);
    assertEquals(Verdict.WARN, relu.verdict(), relu.toString());
    assertTrue(relu.detail().contains("DL4J GradientCheckUtil FAILED"), relu.toString());
    assertTrue(relu.detail().contains("With tanh in place of relu (same weights): DL4J GradientCheckUtil passed"),
        relu.toString());
    assertTrue(relu.detail().contains("the kinks of relu explain the disagreement"), relu.toString());
    // As the config with tanh would have it.
    assertEquals(Verdict.PASS, gradients(deep, "model.activation=tanh").verdict());
  }

  @Test
  void aBackpropBugFailsOnANetworkWithKinksToo() {
    CheckOutcome wrong = gradients(HEALTHY, "model.type=factory", "model.factory=io.troupe.testing.nets.WrongDerivativeNet");
    assertEquals(Verdict.FAIL, wrong.verdict(), wrong.toString());
    assertTrue(wrong.detail().contains("DL4J GradientCheckUtil FAILED"), wrong.toString());
    assertTrue(wrong.detail().contains("a disagreement the kinks do not explain"), wrong.toString());
  }
}
