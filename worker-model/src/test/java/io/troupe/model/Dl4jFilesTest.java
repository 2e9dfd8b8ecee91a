package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/**
 * DL4J files as networks: a MultiLayerConfiguration or ComputationGraphConfiguration JSON as a
 * template whose learning rate, L2, dropout and widths model.overrides changes, and a saved model
 * zip as the starting point of fine-tuning.
 */
class Dl4jFilesTest {
  private static final String BASE = """
      name: files
      seed: 5
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 600, testSize: 200, features: 8, classes: 3, clusterStd: 2.0}}
      model: {hidden: [16], activation: tanh, init: xavier}
      train: {epochs: 2, batchSize: 32, optimizer: {type: adam, lr: 0.01}}
      """;

  @TempDir Path dir;

  private static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(BASE, "files.yaml", null, List.of(sets));
  }

  private static DataSplits data(ExperimentSpec spec) {
    return DataLoader.load(spec.data(), spec.dataSeed());
  }

  /** Troupe's own MLP for the base config, written as DL4J JSON: what a user exports with toJson(). */
  private Path mlpJson() throws Exception {
    ExperimentSpec spec = spec();
    String json = ModelFactory.build(spec.model(), spec.train(), NetworkShape.of(data(spec).train()), new Adam(0.01), 1)
        .toJson();
    return Files.writeString(dir.resolve("mlp.json"), json);
  }

  /** The residual test factory's graph, as DL4J JSON. */
  private Path graphJson() throws Exception {
    ExperimentSpec spec = spec("model.type=factory", "model.factory=io.troupe.testing.nets.ResidualMlp");
    Network net = Networks.build(spec, NetworkShape.of(data(spec).train()), new Adam(0.01), 1, ModelFile.NONE);
    return Files.writeString(dir.resolve("graph.json"), ((ComputationGraph) net.model()).getConfiguration().toJson());
  }

  private static Network build(ExperimentSpec spec, Path file, long seed) {
    return Networks.build(spec, NetworkShape.of(data(spec).train()), new Adam(0.01), seed, ModelFile.local(file));
  }

  @Test
  void overridesSetTheLearningRateL2DropoutAndWidthsOfALayerStack() throws Exception {
    Path json = mlpJson();
    ExperimentSpec spec = spec("model.type=dl4j-json", "model.file=" + json, "model.overrides.lr=0.05",
        "model.overrides.l2=0.001", "model.overrides.dropout=0.3", "model.overrides.nOut.0=24");
    MultiLayerNetwork net = (MultiLayerNetwork) build(spec, json, 3).model();
    var first = (FeedForwardLayer) net.getLayer(0).conf().getLayer();
    var out = (FeedForwardLayer) net.getLayer(1).conf().getLayer();
    assertEquals(24, first.getNOut());
    assertEquals(24, out.getNIn(), "the next layer's input follows the new width");
    assertEquals(0.05, ((BaseLayer) first).getIUpdater().getLearningRate(0, 0), 1e-12);
    assertTrue(((BaseLayer) first).getRegularization().stream().anyMatch(r -> r instanceof L2Regularization));
    assertNull(first.getIDropout(), "the network's input is never dropped");
    assertEquals(0.7, ((Dropout) out.getIDropout()).getP(), 1e-12, "DL4J's retain probability is 1 - drop");
    assertEquals(24 * 8 + 24 + 24 * 3 + 3, net.numParams());
  }

  @Test
  void aTemplateGetsTheTrialSeedAndTrainsLikeAnyTrial() throws Exception {
    Path json = mlpJson();
    ExperimentSpec spec = spec("model.type=dl4j-json", "model.file=" + json);
    assertNotEquals(build(spec, json, 1).params(), build(spec, json, 2).params(), "seeds give different inits");
    assertEquals(build(spec, json, 1).params(), build(spec, json, 1).params());
    TrialResult.Completed r = trial(spec, json);
    assertTrue(r.info().metrics().get("val_accuracy") > 0.7, r.info().metrics().toString());
  }

  @Test
  void aGraphTemplateTakesWidthOverridesThroughItsResidualAdds() throws Exception {
    Path json = graphJson();
    ExperimentSpec spec = spec("model.type=dl4j-json", "model.file=" + json, "model.overrides.nOut.stem=24",
        "model.overrides.nOut.block1=24");
    Network net = build(spec, json, 3);
    assertInstanceOf(ComputationGraph.class, net.model());
    assertEquals(24, ((FeedForwardLayer) ((ComputationGraph) net.model()).getLayer("out").conf().getLayer()).getNIn());
    TrialResult.Completed r = trial(spec, json);
    assertTrue(r.info().metrics().get("val_accuracy") > 0.7, r.info().metrics().toString());
  }

  @Test
  void anUnknownLayerIsNamedWithTheLayersThereAre() throws Exception {
    Path json = graphJson();
    ExperimentSpec spec = spec("model.type=dl4j-json", "model.file=" + json, "model.overrides.nOut.stme=24");
    String m = assertThrows(InvalidInputException.class, () -> build(spec, json, 1)).getMessage();
    assertTrue(m.contains("nOut.stme") && m.contains("no layer stme") && m.contains("stem"), m);
  }

  @Test
  void aSavedModelIsFineTunedFromItsWeightsWithItsEpochCountReset() throws Exception {
    ExperimentSpec pretrain = spec("train.epochs=3");
    TrialResult.Completed base = trial(pretrain, null);
    Path zip = dir.resolve(base.info().artifacts().get("model"));
    ExperimentSpec spec = spec("model.type=dl4j-zip", "model.file=" + zip, "model.overrides.lr=0.001",
        "train.epochs=1");
    Network start = build(spec, zip, 99);
    assertEquals(ModelArtifacts.load(new LocalArtifactStore(dir), base.info().artifacts().get("model"), false).params(),
        start.params(), "the weights are the saved model's, whatever the seed");
    assertEquals(0, start.epochCount());
    TrialResult.Completed tuned = trial(spec, zip);
    assertEquals(1, tuned.info().history().size());
    assertEquals(1, tuned.info().history().get(0).epoch());
    assertTrue(tuned.info().metrics().get("initial_loss") < 0.5 * Math.log(3),
        "fine-tuning starts from a trained network: " + tuned.info().metrics());
  }

  @Test
  void widthsOfASavedModelCannotChange() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> spec("model.type=dl4j-zip", "model.file=x.zip", "model.overrides.nOut.0=3"));
    assertTrue(e.getMessage().contains("model.overrides.nOut.0"), e.getMessage());
  }

  @Test
  void overridesAreSearchDimensions() {
    ExperimentSpec spec = spec("model.type=dl4j-json", "model.file=t.json", "search.strategy=random",
        "search.trials=2", "search.space.model.overrides.lr={logUniform: [0.001, 0.1]}",
        "search.space.model.overrides.nOut.0={choice: [16, 32]}");
    assertEquals(2, spec.search().space().size());
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> spec("model.type=dl4j-json",
        "model.file=t.json", "search.strategy=random", "search.space.model.overrides.dropout={uniform: [0.2, 1.5]}"));
    assertTrue(bad.getMessage().contains("model.overrides.dropout"), bad.getMessage());
  }

  private TrialResult.Completed trial(ExperimentSpec spec, Path file) {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    if (file != null) {
      ModelFile.stage(ModelFile.local(file), store);
    }
    TrialResult r = new TrialRunner(store, TrialProgress.SILENT).run(TrialSpec.of(spec, "t" + System.nanoTime(), Map.of()),
        data(spec));
    assertInstanceOf(TrialResult.Completed.class, r, r::toString);
    return (TrialResult.Completed) r;
  }

}
