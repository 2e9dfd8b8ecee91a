package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.trial.TrialResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's deep narrow linear network, y = w_D ... w_1 x: width-1 layers, identity activations,
 * regression with MSE. Identity initialisation ("weights near 1", dynamic isometry) trains to the
 * noise floor; with small random weights the product vanishes and only the output bias learns.
 */
class DeepLinearNetworkTest {
  @TempDir Path dir;

  private static final String[] DEEP_NARROW = {"data.task=regression", "ensemble.combiners=[average]",
      "data.synthetic.features=1", "data.synthetic.noise=0.01", "model.hidden=[1, 1, 1, 1, 1, 1, 1, 1]",
      "model.activation=identity", "train.optimizer.type=sgd", "train.optimizer.lr=0.01", "train.epochs=5"};

  private TrialResult.Completed train(String init) {
    String[] sets = java.util.Arrays.copyOf(DEEP_NARROW, DEEP_NARROW.length + 1);
    sets[sets.length - 1] = "model.init=" + init;
    return TrialFixture.completed(dir.resolve(init), sets);
  }

  @Test
  void identityInitialisationTrainsAndSmallRandomWeightsStall() {
    TrialResult.Completed identity = train("identity");
    TrialResult.Completed small = train("small-normal");
    double identityMse = identity.info().metrics().get("val_mse");
    double smallMse = small.info().metrics().get("val_mse");
    assertTrue(identityMse < 0.1 * smallMse, "identity " + identityMse + " vs small-normal " + smallMse);
    // Teacher noise sd 0.01, so the best possible MSE is about 1e-4.
    assertTrue(identityMse < 1e-3, "identity init should reach the noise floor: " + identityMse);
  }
}
