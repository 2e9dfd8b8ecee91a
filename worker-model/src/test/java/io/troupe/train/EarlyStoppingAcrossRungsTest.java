package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping under ASHA: a trial cut into rungs stops at the same epoch, restores the same
 * best epoch and ends with the same predictions as one run straight through. The rung that ends
 * past its best epoch keeps its last epoch as the checkpoint the next rung continues, and its best
 * epoch as its model; the next rung restores that earlier rung's best.
 */
class EarlyStoppingAcrossRungsTest {
  private static final String[] STOPPING = {"train.epochs=30", "train.earlyStopping.patience=2",
      "train.earlyStopping.metric=val_loss", "train.earlyStopping.minDelta=0.005"};

  @Test
  void rungsStopAndRestoreLikeOneUninterruptedRun(@TempDir Path dir) {
    ExperimentSpec spec = TrialFixture.spec(STOPPING);
    DataSplits data = TrialFixture.data(spec);
    LocalArtifactStore store = new LocalArtifactStore(dir);
    TrialRunner runner = new TrialRunner(store, TrialProgress.SILENT);
    long seed = TrialSeeds.derive(spec.seed(), "t1");
    TrialSpec base = TrialSpec.of(spec, "t1", Map.of());

    TrialResult.Completed straight = (TrialResult.Completed) runner.run(base.segment("straight", seed, null, 30), data);
    int best = (int) Math.round(straight.info().metrics().get("best_epoch"));
    int stopped = (int) Math.round(straight.info().metrics().get("stopped_epoch"));
    assertEquals(best + 2, stopped);

    // Rung 0 ends one epoch past the best: its model is the best epoch, its checkpoint the last.
    TrialResult.Completed first = (TrialResult.Completed) runner.run(base.segment("t1-r0", seed, null, best + 1), data);
    assertEquals(best, (int) Math.round(first.info().metrics().get("best_epoch")));
    assertTrue(!first.info().metrics().containsKey("stopped_epoch"), "patience has not run out within rung 0");
    String checkpoint = first.info().artifacts().get(ArtifactRole.CHECKPOINT.entry());
    assertEquals(ArtifactRole.CHECKPOINT.key("t1-r0"), checkpoint);
    assertEquals(straight.info().history().get(best - 1).valLoss(), first.info().metrics().get("val_loss"), 1e-5,
        "rung 0's record is its best epoch");

    TrialResult.Completed second = (TrialResult.Completed) runner.run(base.segment("t1-r1", seed, checkpoint, 30), data);
    assertEquals(best + 2, second.info().history().get(0).epoch(), "rung 1 trains on from rung 0's last epoch");
    assertEquals(stopped, (int) Math.round(second.info().metrics().get("stopped_epoch")), "patience spans the rungs");
    assertEquals(best, (int) Math.round(second.info().metrics().get("best_epoch")));
    assertEquals(straight.info().metrics().get("val_loss"), second.info().metrics().get("val_loss"), 1e-6);
    assertEquals(straight.info().metrics().get("train_loss"), second.info().metrics().get("train_loss"), 1e-9);
    assertArrayEquals(straight.test().toArray(), second.test().toArray(), 1e-6f);
  }
}
