package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promoted trial continues from its checkpoint (weights, updater state, epoch and iteration
 * counts) instead of starting over: 2 epochs, then 2 more from the saved model, lands exactly where
 * 4 uninterrupted epochs do, cosine schedule included.
 */
class CheckpointContinuationTest {
  @Test
  void twoPlusTwoEpochsEqualFour(@TempDir Path dir) {
    // Adam: both moment estimates must survive the checkpoint for the runs to agree.
    ExperimentSpec spec = TrialFixture.spec("train.epochs=4", "train.schedule.type=cosine");
    DataSplits data = TrialFixture.data(spec);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    TrialRunner runner = new TrialRunner(store, TrialProgress.SILENT);
    long seed = TrialSeeds.derive(spec.seed(), "t1");
    TrialSpec base = TrialSpec.of(spec, "t1", Map.of());

    TrialResult.Completed straight = (TrialResult.Completed) runner.run(base.segment("straight", seed, null, 4), data);
    TrialResult.Completed first = (TrialResult.Completed) runner.run(base.segment("t1-r0", seed, null, 2), data);
    TrialResult.Completed second = (TrialResult.Completed) runner.run(
        base.segment("t1-r1", seed, "t1-r0/model.zip", 4), data);

    assertEquals(2, first.info().history().size());
    assertEquals(2, second.info().history().size());
    assertEquals(3, second.info().history().get(0).epoch(), "epochs are numbered on from the checkpoint");
    assertEquals(straight.info().history().get(3).trainLoss(), second.info().history().get(1).trainLoss(), 1e-7);
    assertArrayEquals(straight.test().toArray(), second.test().toArray(), 1e-6f);
  }

  @Test
  void aContinuedTrialTrainsOnTheSameLayersAsAFreshOne(@TempDir Path dir) {
    ExperimentSpec spec = TrialFixture.spec("train.epochs=2");
    DataSplits data = TrialFixture.data(spec);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    long seed = TrialSeeds.derive(spec.seed(), "t1");
    TrialSpec base = TrialSpec.of(spec, "t1", Map.of());
    new TrialRunner(store, TrialProgress.SILENT).run(base.segment("t1-r0", seed, null, 1), data);

    List<String> fresh = layers(new TrainingSession(base.segment("fresh", seed, null, 2), spec, data, store,
        TrialProgress.SILENT, null));
    List<String> continued = layers(new TrainingSession(base.segment("t1-r1", seed, "t1-r0/model.zip", 2), spec, data,
        store, TrialProgress.SILENT, null));
    assertTrue(fresh.contains("PreActivationSharingOutputLayer"), fresh.toString());
    assertEquals(fresh, continued, "a continuation's layers are installed before its updater is made");
  }

  private static List<String> layers(TrainingSession session) {
    return Arrays.stream(((MultiLayerNetwork) session.network().model()).getLayers())
        .map(layer -> layer.getClass().getSimpleName()).toList();
  }
}
