package io.troupe.driver.ensemble;

import io.troupe.api.InputLayout;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.store.RunStores;
import io.troupe.driver.store.StoredTrial;
import io.troupe.ensemble.MemberScoring;
import io.troupe.ensemble.ScoredModel;
import io.troupe.eval.Predictions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/**
 * Where the ensemble's member predictions come from. A trained member's validation and test
 * predictions were saved by its trial and are read back on the driver. Work that needs networks
 * (scoring snapshots, parameter averages, the soup) runs on an executor. When the test part is
 * larger than ensemble.distributedScoringAbove, test predictions are instead computed from the
 * saved model across many tasks ({@link DistributedScorer}); both give identical numbers.
 */
final class MemberSource {
  private final TrialDispatcher dispatcher;
  private final ArtifactStore artifacts;
  private final String artifactRoot;
  private final boolean distributed;
  private final int partitions;
  private final InputLayout layout;

  MemberSource(TrialDispatcher dispatcher, ArtifactStore artifacts, String artifactRoot, boolean distributed,
      InputLayout layout) {
    this.layout = layout;
    this.dispatcher = dispatcher;
    this.artifacts = artifacts;
    this.artifactRoot = artifactRoot;
    this.distributed = distributed;
    this.partitions = Math.max(2, dispatcher.spark().defaultParallelism());
  }

  boolean distributed() {
    return distributed;
  }

  /** A completed member trial's model, with the predictions its trial saved. */
  ScoredModel trial(StoredTrial t) {
    String model = artifact(t, ArtifactRole.MODEL);
    ScoredModel saved = new ScoredModel(model, read(artifact(t, ArtifactRole.PREDICTIONS_VAL)),
        distributed ? null : read(artifact(t, ArtifactRole.PREDICTIONS_TEST)));
    return withTest(saved);
  }

  /** The out-of-bag predictions a bagged member saved, in the order of its out-of-bag rows. */
  Predictions outOfBag(StoredTrial t) {
    return read(artifact(t, ArtifactRole.PREDICTIONS_OOB));
  }

  List<ScoredModel> saved(List<String> keys) {
    return onExecutor("scoring " + keys.size() + " saved models", scoring -> scoring.score(keys)).stream()
        .map(this::withTest).toList();
  }

  ScoredModel average(List<String> keys, String saveKey) {
    return withTest(onExecutor("averaging the parameters of " + keys.size() + " models",
        scoring -> scoring.average(keys, saveKey)));
  }

  MemberScoring.Soup soup(List<String> keys, String saveKey) {
    MemberScoring.Soup soup = onExecutor("greedy soup of " + keys.size() + " models",
        scoring -> scoring.greedySoup(keys, saveKey));
    return new MemberScoring.Soup(withTest(soup.model()), soup.ingredients());
  }

  /** Runs {@code work} on an executor against the saved members there (test left unscored when distributed). */
  private <R> R onExecutor(String description, Function<MemberScoring, R> work) {
    String root = artifactRoot;
    boolean scoreTest = !distributed;
    InputLayout fed = layout;
    return dispatcher.runOnExecutor(description,
        splits -> work.call(new MemberScoring(RunStores.onExecutor(root), splits, scoreTest, fed)));
  }

  /** Test predictions of a saved model scored across tasks (whatever the size of the test part). */
  Predictions scoreDistributed(String modelKey) {
    try (InputStream in = artifacts.open(modelKey)) {
      return DistributedScorer.scoreTest(dispatcher, in.readAllBytes(), partitions, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifacts.describe(modelKey), e);
    }
  }

  private ScoredModel withTest(ScoredModel m) {
    return m.test() != null ? m : m.withTest(scoreDistributed(m.key()));
  }

  private Predictions read(String key) {
    try (InputStream in = artifacts.open(key)) {
      return Predictions.readFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read member predictions " + artifacts.describe(key), e);
    }
  }

  private static String artifact(StoredTrial t, ArtifactRole role) {
    return t.artifact(role).orElseThrow(() -> new IllegalStateException("trial " + t.trialId() + " has no "
        + role.entry() + " artifact in trials.jsonl"));
  }
}
