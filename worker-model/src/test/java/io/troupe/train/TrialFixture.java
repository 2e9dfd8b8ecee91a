package io.troupe.train;

import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.load.DataLoader;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small, fast trials on seeded synthetic data: a base config plus --set style overrides. */
final class TrialFixture {
  static final String BASE = """
      name: fixture
      seed: 5
      data: {source: synthetic, scaling: standardize, synthetic: {trainSize: 600, testSize: 200, features: 8, classes: 3, clusterStd: 2.0}}
      model: {hidden: [16], activation: tanh, init: xavier}
      train: {epochs: 3, batchSize: 32, optimizer: {type: adam, lr: 0.01}, monitor: {everyIterations: 2, probeExamples: 64, trainEvalExamples: 200}}
      """;

  private TrialFixture() {}

  static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(BASE, "fixture.yaml", null, List.of(sets));
  }

  static DataSplits data(ExperimentSpec spec) {
    return DataLoader.load(spec.data(), spec.dataSeed());
  }

  static TrialResult run(Path artifacts, String... sets) {
    ExperimentSpec spec = spec(sets);
    return new TrialRunner(new LocalArtifactStore(artifacts), TrialProgress.SILENT)
        .run(TrialSpec.of(spec, "t1", Map.of()), data(spec));
  }

  static TrialResult.Completed completed(Path artifacts, String... sets) {
    TrialResult result = run(artifacts, sets);
    if (result instanceof TrialResult.Completed c) {
      return c;
    }
    throw new AssertionError("expected COMPLETED, got " + result.status() + ": " + describe(result));
  }

  static String describe(TrialResult result) {
    if (result instanceof TrialResult.Failed f) {
      return f.exceptionClass() + ": " + f.message();
    }
    if (result instanceof TrialResult.Diverged d) {
      return d.at().toString();
    }
    return result.info().metrics().toString();
  }
}
