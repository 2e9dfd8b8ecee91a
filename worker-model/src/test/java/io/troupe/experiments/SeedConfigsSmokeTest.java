package io.troupe.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.load.DataLoader;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' example configs, as shipped, on small subsets: each claim's direction where it is
 * cheap to see (docs/experiments.md has the full runs). A config that stops showing its claim fails
 * here, before anyone reruns the experiment.
 */
class SeedConfigsSmokeTest {
  private static final Path EXAMPLES = Path.of("..", "conf", "examples");

  @TempDir Path dir;

  private TrialResult run(String config, String... sets) {
    List<String> overrides = new ArrayList<>(List.of(sets));
    ExperimentSpec spec = ConfigLoader.load(EXAMPLES.resolve(config), overrides);
    return new TrialRunner(new LocalArtifactStore(dir.resolve(String.join("_", sets).replaceAll("[^A-Za-z0-9._-]", ""))),
        TrialProgress.SILENT).run(TrialSpec.of(spec, "smoke", Map.of()), DataLoader.load(spec.data(), spec.dataSeed()));
  }

  private TrialResult.Completed completed(String config, String... sets) {
    TrialResult r = run(config, sets);
    return assertInstanceOf(TrialResult.Completed.class, r, config + " " + List.of(sets) + ": " + r.status());
  }

  private static double metric(TrialResult r, String name) {
    return r.info().metrics().get(name);
  }

  private static double lastTrainLoss(TrialResult r) {
    var history = r.info().history();
    return history.get(history.size() - 1).trainLoss();
  }

  @Test
  void seed000DeeperNetworksNeedSmallerLearningRates() {
    String deep = "model.hidden=[" + "1, ".repeat(29) + "1]";
    assertEquals(TrialStatus.DIVERGED, run("seed000-depth-learning-rate.yaml", deep, "train.optimizer.lr=0.316").status(),
        "30 layers at 0.316");
    assertTrue(metric(completed("seed000-depth-learning-rate.yaml", "model.hidden=[1]", "train.optimizer.lr=0.316"),
        "val_mse") < 1e-3, "1 layer at 0.316 fits the teacher");
    assertTrue(metric(completed("seed000-depth-learning-rate.yaml", deep, "train.optimizer.lr=0.0316"), "val_mse") < 1e-3,
        "30 layers fit it at a tenth of the rate");
  }

  @Test
  void seed001ARateOf2Point5DoesNotSettle() {
    String[] subset = {"data.subset.train=2000", "data.subset.validation=500", "train.epochs=3"};
    TrialResult fast = completed("seed001-learning-rates.yaml", with(subset, "train.optimizer.lr=0.25"));
    TrialResult tooFast = run("seed001-learning-rates.yaml", with(subset, "train.optimizer.lr=2.5"));
    assertTrue(tooFast.status() == TrialStatus.DIVERGED || lastTrainLoss(tooFast) > 1.5 * lastTrainLoss(fast),
        "2.5: " + tooFast.status() + " " + tooFast.info().history() + " against 0.25's " + lastTrainLoss(fast));
  }

  @Test
  void seed001ZeroInitialisationLearnsFarLessThanLecun() {
    // Every hidden unit of a zero-initialised net gets the same gradient: 30 units act as one.
    String[] subset = {"data.subset.train=2000", "data.subset.validation=500", "train.epochs=2"};
    double zero = metric(completed("seed001-004-initialisation.yaml", with(subset, "model.init=zero")), "val_accuracy");
    double lecun = metric(completed("seed001-004-initialisation.yaml", with(subset, "model.init=lecun")), "val_accuracy");
    assertTrue(lecun - zero > 0.2, "zero " + zero + ", lecun " + lecun);
  }

  @Test
  void seed004SmallWeightsCollapseATenLayerTanhNetworksActivationsAndXavierDoesNot() {
    String[] subset = {"data.subset.train=1000", "data.subset.validation=200", "train.epochs=1"};
    var small = completed("seed004-init-depth.yaml", with(subset, "model.init=small-normal")).info().history().get(0);
    var xavier = completed("seed004-init-depth.yaml", with(subset, "model.init=xavier")).info().history().get(0);
    double smallDeep = small.layers().get(9).activationStd();
    double xavierDeep = xavier.layers().get(9).activationStd();
    assertTrue(smallDeep < 0.01 && xavierDeep > 0.1, "tenth layer's activation std: small-normal " + smallDeep
        + ", xavier " + xavierDeep);
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
