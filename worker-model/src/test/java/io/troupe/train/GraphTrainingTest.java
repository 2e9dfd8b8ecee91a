package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.api.InputLayout;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.ensemble.MemberScoring;
import io.troupe.ensemble.ParameterAverage;
import io.troupe.ensemble.ScoredModel;
import io.troupe.model.Network;
import io.troupe.trial.EpochStats;
import io.troupe.trial.LayerStats;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A user's ComputationGraph (a residual MLP from a factory class) goes through everything a
 * built-in MultiLayerNetwork does: monitoring per vertex, snapshots, SWA and EMA, checkpoint
 * continuation, predictions, model zips, and parameter averaging with batch norm re-estimated.
 */
class GraphTrainingTest {
  private static final String[] RESIDUAL = {"model.type=factory", "model.factory=io.troupe.testing.nets.ResidualMlp",
      "model.params.width=16", "model.params.blocks=2"};

  @TempDir Path dir;

  private static String[] with(String... more) {
    String[] all = java.util.Arrays.copyOf(RESIDUAL, RESIDUAL.length + more.length);
    System.arraycopy(more, 0, all, RESIDUAL.length, more.length);
    return all;
  }

  @Test
  void aResidualGraphLearnsAndReportsEveryVertexWithWeights() throws Exception {
    TrialResult.Completed r = TrialFixture.completed(dir, with());
    assertTrue(r.info().metrics().get("val_accuracy") > 0.7, r.info().metrics().toString());
    EpochStats last = r.info().history().get(r.info().history().size() - 1);
    List<String> names = last.layers().stream().map(LayerStats::layer).toList();
    assertEquals(List.of("stem:dense", "block1:dense", "block2:dense", "out:output"), names);
    for (LayerStats layer : last.layers()) {
      assertTrue(layer.updateRatio() > 0 && layer.updateRatio() < 1, layer.toString());
    }
    assertInstanceOf(ComputationGraph.class,
        ModelArtifacts.load(new LocalArtifactStore(dir), r.info().artifacts().get("model"), false));
  }

  @Test
  void theSameSeedTrainsTheSameGraph(@TempDir Path other) {
    TrialResult.Completed a = TrialFixture.completed(dir, with());
    TrialResult.Completed b = TrialFixture.completed(other, with());
    assertArrayEquals(a.test().toArray(), b.test().toArray());
    TrialResult.Completed c = TrialFixture.completed(other, with("seed=6"));
    assertNotEquals(a.info().metrics().get("val_loss"), c.info().metrics().get("val_loss"));
  }

  @Test
  void snapshotsSwaAndEmaOfAGraphAreScoredAndStored() throws Exception {
    TrialResult.Completed r = TrialFixture.completed(dir, with("model.params.batchNorm=true",
        "train.averaging.swaStartEpoch=1", "train.averaging.emaDecay=0.9", "train.snapshots.mode=evenly",
        "train.snapshots.count=3"));
    Map<String, Double> m = r.info().metrics();
    assertTrue(m.get("swa_val_accuracy") > 0.7 && m.get("ema_val_accuracy") > 0.7, m.toString());
    var snapshots = r.info().artifacts().keySet().stream().filter(k -> k.startsWith("snapshot-")).sorted().toList();
    assertEquals(3, snapshots.size());
    LocalArtifactStore store = new LocalArtifactStore(dir);
    assertEquals(ModelArtifacts.load(store, r.info().artifacts().get("model"), false).params(),
        ModelArtifacts.load(store, r.info().artifacts().get(snapshots.get(2)), false).params(),
        "the last snapshot is the final model");
    assertInstanceOf(ComputationGraph.class, ModelArtifacts.load(store, r.info().artifacts().get("swa"), false));
  }

  @Test
  void aGraphContinuesFromItsCheckpointExactlyAsAnUninterruptedRun() {
    ExperimentSpec spec = TrialFixture.spec(with("train.epochs=4", "train.schedule.type=cosine"));
    DataSplits data = TrialFixture.data(spec);
    TrialRunner runner = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT);
    long seed = TrialSeeds.derive(spec.seed(), "t1");
    TrialSpec base = TrialSpec.of(spec, "t1", Map.of());
    TrialResult.Completed straight = (TrialResult.Completed) runner.run(base.segment("straight", seed, null, 4), data);
    TrialResult.Completed first = (TrialResult.Completed) runner.run(base.segment("t1-r0", seed, null, 2), data);
    TrialResult resumed = runner.run(base.segment("t1-r1", seed, "t1-r0/model.zip", 4), data);
    assertInstanceOf(TrialResult.Completed.class, resumed, () -> TrialFixture.describe(resumed));
    TrialResult.Completed second = (TrialResult.Completed) resumed;
    assertEquals(2, first.info().history().size());
    assertEquals(3, second.info().history().get(0).epoch());
    assertEquals(straight.info().history().get(3).trainLoss(), second.info().history().get(1).trainLoss(), 1e-7);
    assertArrayEquals(straight.test().toArray(), second.test().toArray(), 1e-6f);
  }

  @Test
  void savedGraphsAreAveragedWithBatchNormReEstimatedAndSouped() throws Exception {
    ExperimentSpec spec = TrialFixture.spec(with("model.params.batchNorm=true"));
    DataSplits splits = TrialFixture.data(spec);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    TrialRunner runner = new TrialRunner(store, TrialProgress.SILENT);
    List<String> keys = List.of("m1", "m2").stream()
        .map(id -> ((TrialResult.Completed) runner.run(TrialSpec.of(spec, id, Map.of()), splits)).info().artifacts()
            .get("model")).toList();
    InputLayout layout = InputLayout.feedForward();
    MemberScoring scoring = new MemberScoring(store, splits, true, layout);

    ScoredModel averaged = scoring.average(keys, "avg/model.zip");
    Network naive = new ParameterAverage().add(ModelArtifacts.load(store, keys.get(0), layout, false))
        .add(ModelArtifacts.load(store, keys.get(1), layout, false)).result();
    Network saved = ModelArtifacts.load(store, "avg/model.zip", layout, false);
    assertInstanceOf(ComputationGraph.class, saved.model());
    int bn = saved.units().stream().map(u -> u.batchNorm()).toList().indexOf(true);
    INDArray naiveMean = naive.layer(bn).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray savedMean = saved.layer(bn).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    assertFalse(naiveMean.equalsWithEps(savedMean, 1e-4), "batch-norm statistics were measured again");
    INDArray inputs = saved.inputOf(bn, new BatchSource(splits.train(), splits.transform(), null)
        .features(0, splits.train().size()));
    assertTrue(inputs.mean(0).equalsWithEps(savedMean.reshape(inputs.mean(0).shape()), 1e-4),
        "the statistics are those of the averaged graph's own inputs to the batch-norm vertex");
    assertEquals(Evaluator.predict(saved, new BatchSource(splits.test(), splits.transform(), null)), averaged.test());

    MemberScoring.Soup soup = scoring.greedySoup(keys, "soup/model.zip");
    assertTrue(soup.ingredients().size() >= 1 && keys.containsAll(soup.ingredients()), soup.ingredients().toString());
  }
}
