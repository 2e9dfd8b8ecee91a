package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.api.InputLayout;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.preflight.CheckOutcome;
import io.troupe.preflight.Preflight;
import io.troupe.search.RandomSampler;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Factory networks beyond flat vectors (images as [c, h, w], sequences as [features, steps]),
 * model.params as search dimensions, and the preflight check on a ComputationGraph.
 */
class UserNetworksTest {
  private static final String SYNTHETIC = """
      name: user
      seed: 5
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 600, testSize: 200, features: 8, classes: 3, clusterStd: 2.0}}
      model: {type: factory, factory: io.troupe.testing.nets.ResidualMlp, init: xavier}
      train: {epochs: 3, batchSize: 32, optimizer: {type: adam, lr: 0.01}}
      """;

  @TempDir Path dir;

  private static ExperimentSpec spec(String yaml, String... sets) {
    return ConfigLoader.parse(yaml, "user.yaml", null, List.of(sets));
  }

  private TrialResult.Completed train(ExperimentSpec spec, DataSplits data) {
    TrialResult r = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT)
        .run(TrialSpec.of(spec, "t1", Map.of()), data);
    assertInstanceOf(TrialResult.Completed.class, r, r::toString);
    return (TrialResult.Completed) r;
  }

  @Test
  void imagesOfTheirOwnSizeReachAConvolutionalFactoryAsChannelsHeightWidth() {
    ExperimentSpec spec = spec("""
        name: conv
        seed: 5
        data: {source: fashion-mnist, subset: {train: 1500, validation: 300, test: 300}}
        model: {type: factory, factory: io.troupe.testing.nets.SmallConvNet}
        train: {epochs: 2, batchSize: 64, optimizer: {type: adam, lr: 0.003}}
        """);
    DataSplits data = DataLoader.load(spec.data(), spec.dataSeed());
    InputLayout layout = Networks.layout(spec, NetworkShape.of(data.train()), ModelFile.NONE);
    assertEquals("convolutional (28x28x1)", layout.toString());
    // Row-major [c, h, w] rows become [batch, c, h, w] without moving a value.
    var rows = Nd4j.arange(2 * 784).reshape(2, 784).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    var images = layout.arrange(rows);
    assertEquals(List.of(2L, 1L, 28L, 28L), java.util.Arrays.stream(images.shape()).boxed().toList());
    assertEquals(rows.getFloat(1, 28 * 3 + 5), images.getFloat(1, 0, 3, 5));
    TrialResult.Completed r = train(spec, data);
    assertTrue(r.info().metrics().get("test_accuracy") > 0.6, r.info().metrics().toString());
  }

  @Test
  void flatRowsAreReadAsImagesOfAnySizeAndChannelCount() {
    // 192 features per example, read as 8x8 images of 3 channels (as an image column of RGB pixels is).
    ExperimentSpec spec = spec(SYNTHETIC, "data.synthetic.features=192", "model.factory=io.troupe.testing.nets.SmallConvNet",
        "model.params.height=8", "model.params.width=8", "model.params.channels=3");
    DataSplits data = DataLoader.load(spec.data(), spec.dataSeed());
    InputLayout layout = Networks.layout(spec, NetworkShape.of(data.train()), ModelFile.NONE);
    assertEquals("convolutional (8x8x3)", layout.toString());
    var rows = Nd4j.arange(2 * 192).reshape(2, 192).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    assertEquals(rows.getFloat(1, 64 * 2 + 8 * 5 + 6), layout.arrange(rows).getFloat(1, 2, 5, 6), 0f,
        "channel-major rows: channel 2, row 5, column 6");
    TrialResult.Completed r = train(spec, data);
    assertTrue(r.info().metrics().get("val_accuracy") > 0.6, r.info().metrics().toString());
    String m = assertThrows(io.troupe.InvalidInputException.class, () -> Networks.layout(
        ConfigLoader.withValues(spec, Map.of("model.params.height", 7)), NetworkShape.of(data.train()), ModelFile.NONE))
        .getMessage();
    assertTrue(m.contains("convolutional(7, 8, 3)") && m.contains("168 values") && m.contains("192 features"), m);
  }

  @Test
  void sequencesReachARecurrentFactoryAsFeaturesByTimeSteps() {
    ExperimentSpec spec = spec(SYNTHETIC, "model.factory=io.troupe.testing.nets.SequenceNet");
    DataSplits data = DataLoader.load(spec.data(), spec.dataSeed());
    InputLayout layout = Networks.layout(spec, NetworkShape.of(data.train()), ModelFile.NONE);
    // 8 values per example, 4 steps of 2: step t holds values 2t and 2t + 1.
    var rows = Nd4j.arange(16).reshape(2, 8).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    var seq = layout.arrange(rows);
    assertEquals(List.of(2L, 2L, 4L), java.util.Arrays.stream(seq.shape()).boxed().toList());
    assertEquals(8 + 2 * 3 + 1, seq.getFloat(1, 1, 3), 0f);
    TrialResult.Completed r = train(spec, data);
    assertTrue(r.info().metrics().get("val_accuracy") > 0.6, r.info().metrics().toString());
  }

  @Test
  void modelParamsAreSearchDimensionsThatReachTheFactory() {
    ExperimentSpec spec = spec(SYNTHETIC, "search.strategy=random", "search.trials=4",
        "search.space.model.params.width={choice: [4, 32]}", "search.space.model.params.blocks={int: [1, 3]}");
    DataSplits data = DataLoader.load(spec.data(), spec.dataSeed());
    NetworkShape shape = NetworkShape.of(data.train());
    long narrow = Networks.build(ConfigLoader.withValues(spec, Map.of("model.params.width", 4)), shape, new Adam(0.01), 1,
        ModelFile.NONE).params().length();
    long wide = Networks.build(ConfigLoader.withValues(spec, Map.of("model.params.width", 32)), shape, new Adam(0.01), 1,
        ModelFile.NONE).params().length();
    assertTrue(wide > 4 * narrow, narrow + " vs " + wide);
    Map<String, Object> sampled = RandomSampler.sample(spec.search().space(), spec.seed(), 0);
    ExperimentSpec trial = ConfigLoader.withValues(spec, sampled);
    assertEquals(sampled.get("model.params.width"), trial.model().params().get("width").toConfig());
    // A resolved config with params writes back out and reloads to an equal spec (best.yaml).
    assertEquals(trial, ConfigLoader.parse(ConfigLoader.toYaml(trial), "best.yaml", null, List.of()));
  }

  @Test
  void aFactorySettingOfTheWrongKindIsNamed() {
    ExperimentSpec spec = spec(SYNTHETIC, "model.params.width=wide");
    DataSplits data = DataLoader.load(spec.data(), spec.dataSeed());
    String m = assertThrows(io.troupe.InvalidInputException.class,
        () -> NetworkCheck.check(spec, data, ModelFile.NONE)).getMessage();
    assertTrue(m.contains("model.params.width") && m.contains("whole number") && m.contains("wide"), m);
  }

  @Test
  void differentSeedsGiveDifferentGraphsThroughDefaults() {
    ExperimentSpec spec = spec(SYNTHETIC);
    NetworkShape shape = NetworkShape.of(DataLoader.load(spec.data(), spec.dataSeed()).train());
    assertNotEquals(Networks.build(spec, shape, new Adam(0.01), 1, ModelFile.NONE).params(),
        Networks.build(spec, shape, new Adam(0.01), 2, ModelFile.NONE).params());
    assertEquals(Networks.build(spec, shape, new Adam(0.01), 1, ModelFile.NONE).params(),
        Networks.build(spec, shape, new Adam(0.01), 1, ModelFile.NONE).params());
  }

  @Test
  void thePreflightChecksRunOnAComputationGraph() {
    ExperimentSpec spec = spec(SYNTHETIC, "model.params.width=8");
    List<CheckOutcome> outcomes = Preflight.run(spec, DataLoader.load(spec.data(), spec.dataSeed()), ModelFile.NONE);
    assertEquals(5, outcomes.size());
    CheckOutcome gradients = outcomes.get(3);
    assertEquals(CheckOutcome.Verdict.PASS, gradients.verdict(), gradients.toString());
    assertTrue(gradients.detail().contains("DL4J GradientCheckUtil passed"), gradients.toString());
    assertEquals(CheckOutcome.Verdict.PASS, outcomes.get(0).verdict(), outcomes.get(0).toString());
    assertEquals(CheckOutcome.Verdict.PASS, outcomes.get(1).verdict(), "a residual MLP overfits 200 examples: " + outcomes.get(1));
  }
}
