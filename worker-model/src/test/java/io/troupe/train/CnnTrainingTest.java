package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.load.DataLoader;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small CNN (conv, batch norm, pooling, dense, dropout, augmentation) learns real Fashion-MNIST. */
class CnnTrainingTest {
  @Test
  void learnsFromASmallFashionMnistSubset(@TempDir Path dir) {
    ExperimentSpec spec = ConfigLoader.parse("""
        data: {source: fashion-mnist, subset: {train: 2000, validation: 500, test: 500}}
        model: {type: cnn, conv: {channels: [8, 16]}, hidden: [32], batchNorm: true, dropout: 0.25}
        train: {epochs: 2, batchSize: 64, optimizer: {lr: 3.0e-3}, augment: {horizontalFlip: true, maxShift: 2}}
        """, "cnn.yaml", "cnn", List.of());
    TrialResult r = new TrialRunner(new LocalArtifactStore(dir), TrialProgress.SILENT)
        .run(TrialSpec.of(spec, "cnn", Map.of()), DataLoader.load(spec.data(), spec.dataSeed()));
    TrialResult.Completed c = (TrialResult.Completed) r;
    // Chance is 0.10; two short epochs on 2,000 images already reach well above it.
    assertTrue(c.info().metrics().get("test_accuracy") > 0.6, c.info().metrics().toString());
  }
}
