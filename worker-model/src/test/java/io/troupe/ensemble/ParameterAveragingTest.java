package io.troupe.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.model.ModelFactory;
import io.troupe.model.NetworkShape;
import io.troupe.train.BatchSource;
import io.troupe.train.Evaluator;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.nio.file.Path;
import io.troupe.api.InputLayout;
import io.troupe.model.Network;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/** Parameter averaging: the arithmetic, architecture checks, and batch-norm re-estimation. */
class ParameterAveragingTest {
  private static final String CONFIG = """
      name: averaging
      seed: 9
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 500, testSize: 150, features: 6, classes: 3, clusterStd: 2.0}}
      model: {hidden: [8], activation: relu, init: he, batchNorm: true}
      train: {epochs: 2, batchSize: 25, optimizer: {type: adam, lr: 0.01}, monitor: {enabled: false}}
      """;

  @TempDir Path dir;

  private static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(CONFIG, "averaging.yaml", null, List.of(sets));
  }

  private static MultiLayerNetwork network(ExperimentSpec spec, DataSplits splits, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(ModelFactory.build(spec.model(), spec.train(),
        NetworkShape.of(splits.train()), new Sgd(0.1), seed));
    net.init();
    return net;
  }

  @Test
  void theAverageIsTheElementWiseMeanOfTheMembersParameters() {
    ExperimentSpec spec = spec();
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    MultiLayerNetwork a = network(spec, splits, 1);
    MultiLayerNetwork b = network(spec, splits, 2);
    MultiLayerNetwork c = network(spec, splits, 3);
    MultiLayerNetwork mean = (MultiLayerNetwork) new ParameterAverage().add(wrap(a)).add(wrap(b)).add(wrap(c)).result().model();
    float[] pa = a.params().toFloatVector();
    float[] pb = b.params().toFloatVector();
    float[] pc = c.params().toFloatVector();
    float[] pm = mean.params().toFloatVector();
    assertEquals(pa.length, pm.length);
    for (int i = 0; i < pm.length; i++) {
      assertEquals((float) (((double) pa[i] + pb[i] + pc[i]) / 3), pm[i], "parameter " + i);
    }
    assertFalse(a.params().equals(mean.params()), "the members are left unchanged and differ from their mean");
    assertEquals(pa[0], a.params().getFloat(0));
  }

  @Test
  void withLeavesTheOriginalAverageAsItWas() {
    ExperimentSpec spec = spec();
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    MultiLayerNetwork a = network(spec, splits, 1);
    ParameterAverage one = new ParameterAverage().add(wrap(a));
    ParameterAverage two = one.with(wrap(network(spec, splits, 2)));
    assertEquals(1, one.count());
    assertEquals(2, two.count());
    assertEquals(a.params(), one.result().params());
  }

  @Test
  void membersOfDifferentArchitecturesAreRefusedNamingTheParameter() {
    ExperimentSpec small = spec();
    DataSplits splits = DataLoader.load(small.data(), small.dataSeed());
    MultiLayerNetwork wide = network(spec("model.hidden=[12]"), splits, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ParameterAverage().add(wrap(network(small, splits, 1))).add(wrap(wide)));
    assertTrue(e.getMessage().contains("0_W") && e.getMessage().contains("[6, 8]"), e.getMessage());
  }

  @Test
  void savedMembersAreAveragedWithBatchNormStatisticsReEstimatedOnTrainingData() throws Exception {
    ExperimentSpec spec = spec();
    DataSplits splits = DataLoader.load(spec.data(), spec.dataSeed());
    LocalArtifactStore store = new LocalArtifactStore(dir);
    TrialRunner runner = new TrialRunner(store, TrialProgress.SILENT);
    List<String> keys = List.of("m1", "m2").stream().map(id -> {
      TrialResult r = runner.run(TrialSpec.of(spec, id, Map.of()), splits);
      assertEquals(TrialStatus.COMPLETED, r.status(), r.toString());
      return r.info().artifacts().get("model");
    }).toList();

    ScoredModel averaged = new MemberScoring(store, splits, true, InputLayout.feedForward()).average(keys, "avg/model.zip");

    MultiLayerNetwork naive = (MultiLayerNetwork) new ParameterAverage()
        .add(ModelArtifacts.load(store, keys.get(0), InputLayout.feedForward(), false))
        .add(ModelArtifacts.load(store, keys.get(1), InputLayout.feedForward(), false)).result().model();
    MultiLayerNetwork saved = (MultiLayerNetwork) ModelArtifacts.load(store, "avg/model.zip", false);
    // Layer 1 is the batch norm after the dense layer: its statistics were measured again, so they
    // are no longer the mean of the members' statistics; the weights are.
    INDArray naiveMean = naive.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray savedMean = saved.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    assertFalse(naiveMean.equalsWithEps(savedMean, 1e-4), naiveMean + " vs " + savedMean);
    assertEquals(naive.getLayer(0).getParam("W"), saved.getLayer(0).getParam("W"));
    INDArray inputs = saved.feedForwardToLayer(0, new BatchSource(splits.train(), splits.transform(), null)
        .features(0, splits.train().size()), false).get(1);
    assertTrue(inputs.mean(0).equalsWithEps(savedMean.reshape(inputs.mean(0).shape()), 1e-4),
        "the statistics are those of the averaged network's own layer inputs");
    // The scores returned are those of the saved model.
    assertEquals(Evaluator.predict(wrap(saved), new BatchSource(splits.test(), splits.transform(), null)), averaged.test());
    assertEquals("avg/model.zip", averaged.key());
  }

  private static Network wrap(MultiLayerNetwork net) {
    return Network.of(net, InputLayout.feedForward());
  }
}
