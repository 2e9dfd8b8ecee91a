package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/**
 * PBT continues a member from a checkpoint with perturbed hyperparameters: the continued trial must
 * train with its own config's learning rate and L2, not the ones the checkpoint was saved with
 * (weights, optimiser state and counts still come from the checkpoint).
 */
class ContinuationHyperparametersTest {
  @Test
  void aContinuedTrialTrainsWithItsOwnLearningRateAndL2(@TempDir Path dir) throws Exception {
    ExperimentSpec spec = TrialFixture.spec("train.epochs=2", "train.optimizer.type=sgd", "train.optimizer.lr=0.1");
    ExperimentSpec perturbed = ConfigLoader.withValues(spec, Map.of("train.optimizer.lr", 1.0e-9, "train.l2", 0.5));
    DataSplits data = TrialFixture.data(spec);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    TrialRunner runner = new TrialRunner(store, TrialProgress.SILENT);
    long seed = TrialSeeds.derive(spec.seed(), "p01");
    runner.run(TrialSpec.of(spec, "p01", Map.of()).segment("p01-g0", seed, null, 1), data);
    String checkpoint = ArtifactRole.MODEL.key("p01-g0");

    TrialResult.Completed kept = (TrialResult.Completed) runner.run(
        TrialSpec.of(spec, "p01", Map.of()).segment("p01-g1", seed, checkpoint, 2), data);
    TrialResult.Completed slowed = (TrialResult.Completed) runner.run(
        TrialSpec.of(perturbed, "p02", Map.of()).segment("p02-g1", seed, checkpoint, 2), data);

    assertEquals(2, slowed.info().history().get(0).epoch(), "continued from the checkpoint's epoch");
    assertEquals(1.0e-9, slowed.info().history().get(0).learningRate(), 1e-15, "the recorded rate is the new one");
    INDArray start = params(store, checkpoint);
    double movedAtOldRate = change(start, params(store, ArtifactRole.MODEL.key(kept.info().trialId())));
    double movedAtNewRate = change(start, params(store, ArtifactRole.MODEL.key(slowed.info().trialId())));
    assertTrue(movedAtOldRate > 1e-2, "an epoch at lr 0.1 moves the weights: " + movedAtOldRate);
    assertTrue(movedAtNewRate < 1e-6, "an epoch at lr 1e-9 leaves them where they were: " + movedAtNewRate);

    MultiLayerNetwork saved = (MultiLayerNetwork) ModelArtifacts.load(store, ArtifactRole.MODEL.key("p02-g1"), true);
    BaseLayer layer = (BaseLayer) saved.getLayer(0).conf().getLayer();
    assertEquals(1.0e-9, ((Sgd) layer.getIUpdater()).getLearningRate(saved.getIterationCount(), 1), 1e-15);
    double l2 = layer.getRegularization().stream().filter(L2Regularization.class::isInstance)
        .mapToDouble(r -> ((L2Regularization) r).getL2().valueAt(0, 0)).findFirst().orElse(Double.NaN);
    assertEquals(0.5, l2, 1e-12, "the new L2 is in the continued network's configuration");
  }

  @Test
  void aConfigThatChangesTheNetworksShapeCannotContinueACheckpoint(@TempDir Path dir) {
    ExperimentSpec spec = TrialFixture.spec("train.epochs=2");
    DataSplits data = TrialFixture.data(spec);
    TrialRunner runner = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT);
    long seed = TrialSeeds.derive(spec.seed(), "p01");
    runner.run(TrialSpec.of(spec, "p01", Map.of()).segment("p01-g0", seed, null, 1), data);
    ExperimentSpec wider = ConfigLoader.withValues(spec, Map.of("model.hidden", java.util.List.of(32)));
    TrialResult r = runner.run(TrialSpec.of(wider, "p02", Map.of()).segment("p02-g1", seed,
        ArtifactRole.MODEL.key("p01-g0"), 2), data);
    assertTrue(r instanceof TrialResult.Failed f && f.message().contains("a continued trial may change hyperparameters,"
        + " not the network's shape"), TrialFixture.describe(r));
  }

  private static INDArray params(LocalArtifactStore store, String key) throws Exception {
    return ModelArtifacts.load(store, key, false).params();
  }

  private static double change(INDArray from, INDArray to) {
    return to.sub(from).amaxNumber().doubleValue();
  }
}
