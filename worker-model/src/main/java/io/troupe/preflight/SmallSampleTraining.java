package io.troupe.preflight;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.train.TrialProgress;
import io.troupe.train.TrialRunner;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the config's network on a few hundred training examples (seed 003: "check network with
 * few samples"), with everything that is not the model, the optimiser and the regularisation asked
 * for switched off, and reports the final training loss in inference mode.
 */
final class SmallSampleTraining {
  private SmallSampleTraining() {}

  /**
   * @param finalLoss the data loss at the end, in inference mode
   * @param finalObjective the last epoch's mean training objective, as the optimiser saw it
   *     (with the regularisation penalty and dropout)
   */
  record Outcome(double initialLoss, double finalLoss, double finalObjective, int epochs, TrialStatus status) {}

  /** @param regularisation config values for L1, L2 and dropout ({@link RegularisationSettings}); empty keeps the config's */
  static Outcome train(ExperimentSpec spec, DataSplits splits, int examples, int epochs, Map<String, Object> regularisation,
      io.troupe.model.ModelFile file) {
    Dataset sample = splits.train().select(io.troupe.data.Shuffles.identity(Math.min(examples, splits.train().size())),
        splits.train().name() + "#preflight");
    DataSplits small = new DataSplits(sample, sample, sample, splits.transform(), splits.sourceFingerprint());
    Map<String, Object> values = new HashMap<>(Map.of("train.gradientNoise.eta", 0.0,
        "train.augment.horizontalFlip", false, "train.augment.maxShift", 0, "train.epochs", epochs,
        "train.schedule.type", "constant", "train.monitor.enabled", false, "train.snapshots.mode", "none"));
    // Stop rules off too: the run is for its final loss, and a plateau stop needs the plateau schedule.
    values.put("train.schedule.stopAtReduction", null);
    values.put("train.earlyStopping.patience", null);
    values.put("train.averaging.swaStartEpoch", null);
    values.put("train.averaging.emaDecay", null);
    values.put("train.monitor.trainEvalExamples", sample.size());
    values.putAll(regularisation);
    ExperimentSpec smallSpec = ConfigLoader.withValues(spec, values);
    Path dir = tempDir();
    try {
      LocalArtifactStore store = new LocalArtifactStore(dir);
      if (spec.model().file() != null) {
        io.troupe.model.ModelFile.stage(file, store);
      }
      TrialResult r = new TrialRunner(store, TrialProgress.SILENT)
          .run(TrialSpec.of(smallSpec, "preflight", Map.of()), small);
      List<EpochStats> h = r.info().history();
      EpochStats last = h.isEmpty() ? null : h.get(h.size() - 1);
      return new Outcome(r.info().metrics().getOrDefault("initial_loss", Double.NaN),
          last == null ? Double.NaN : last.trainEvalLoss(), last == null ? Double.NaN : last.trainLoss(),
          h.size(), r.status());
    } finally {
      delete(dir);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("troupe-preflight");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is not worth failing a check over.
    }
  }
}
