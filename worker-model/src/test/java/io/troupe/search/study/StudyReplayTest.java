package io.troupe.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy as an ask/tell object, without Spark or training: trials are "run" by a fixed
 * objective of their values and epochs, in slots. A study interrupted after k results and rebuilt by
 * telling it the stored results (as --resume does) asks exactly the trials an uninterrupted one asked.
 */
class StudyReplayTest {
  private static final String BASE = """
      name: replay
      seed: 5
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 4, classes: 2}}
      train: {epochs: 4}
      search:
        space:
          train.optimizer.lr: {logUniform: [1.0e-4, 1.0]}
          model.hidden: {choice: [[4], [8], [16]]}
      """;

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of("grid", List.of("search.strategy=grid",
            "search.space={train.optimizer.lr: {choice: [0.01, 0.1]}, model.hidden: {choice: [[4], [8]]}}")),
        Arguments.of("random with repeats", List.of("search.strategy=random", "search.trials=5", "search.repeats=2")),
        Arguments.of("coarse-to-fine", List.of("search.strategy=coarse-to-fine",
            "search.stages=[{trials: 6, epochs: 1}, {trials: 4, epochs: 3, topK: 2}]")),
        Arguments.of("asha", List.of("search.strategy=asha", "search.trials=9",
            "search.asha={minEpochs: 1, maxEpochs: 9, reduction: 3}")),
        Arguments.of("hyperband", List.of("search.strategy=hyperband", "search.trials=12",
            "search.hyperband={minEpochs: 1, maxEpochs: 9, reduction: 3}")),
        // Diverging members (lr above 0.5) always copy; resample draws some rates afresh.
        Arguments.of("tpe with repeats", List.of("search.strategy=tpe", "search.trials=12", "search.repeats=2",
            "search.tpe={startupTrials: 4}")),
        Arguments.of("pbt", List.of("search.strategy=pbt",
            "search.pbt={population: 6, interval: 1, mutable: [train.optimizer.lr], resample: 0.2}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void aStudyRebuiltFromStoredResultsAsksWhatAnUninterruptedOneAsked(String name, List<String> sets) {
    ExperimentSpec spec = ConfigLoader.parse(BASE, "replay.yaml", null, sets);
    for (int slots : new int[] {3}) { // several slots: results are told in another order than asked
      Map<String, StudyLoop.Replay> store = new HashMap<>();
      List<String> uninterrupted = run(Studies.of(spec, line -> { }), slots, store, Integer.MAX_VALUE);
      assertTrue(uninterrupted.size() >= 4, name + ": " + uninterrupted);
      for (int crashAfter : new int[] {2, uninterrupted.size() / 2 + 1}) {
        Map<String, StudyLoop.Replay> partial = new HashMap<>();
        run(Studies.of(spec, line -> { }), slots, partial, crashAfter);
        List<String> resumed = run(Studies.of(spec, line -> { }), slots, partial, Integer.MAX_VALUE);
        assertEquals(uninterrupted, resumed, name + ", " + slots + " slots, crash after " + crashAfter + " results");
      }
    }
  }

  /** The crash: the driver dies with trials in flight, whose results are lost. */
  private static final class Crash extends RuntimeException {}

  /**
   * Runs the study through {@link StudyLoop} in {@code slots}, trials finishing out of order,
   * with a made-up objective; results go to {@code store} (with the asks made before each was told, as
   * the result store keeps them) and stored ones are replayed. Crashes after {@code budget} new
   * results. Returns every trial asked: id, values, checkpoint, epochs and seed.
   */
  private static List<String> run(Study study, int slots, Map<String, StudyLoop.Replay> store, int budget) {
    List<String> asked = new ArrayList<>();
    Deque<TrialSpec> running = new ArrayDeque<>();
    StudyLoop loop = new StudyLoop(study, slots);
    StudyLoop.Trials trials = new StudyLoop.Trials() {
      int ran;

      public Optional<StudyLoop.Replay> stored(TrialSpec t) {
        asked.add(t.trialId() + " " + t.params() + " from " + t.resumeFrom() + " to " + t.stopAtEpoch()
            + " seed " + t.seed());
        return Optional.ofNullable(store.get(t.trialId()));
      }

      public void submit(TrialSpec t) {
        running.add(t);
      }

      public int inFlight() {
        return running.size();
      }

      public Told next(long asksSoFar) {
        if (ran == budget) {
          throw new Crash();
        }
        ran++;
        // Out of order, as trials of different lengths finish, but in an order fixed by the trials
        // themselves (as a rerun trial would finish where it did before): the smallest hash of its id first.
        TrialSpec done = running.stream().min(java.util.Comparator.comparingInt(x -> Long.hashCode(x.seed()))).orElseThrow();
        running.remove(done);
        Told told = Told.of(fakeRun(done));
        store.put(told.trialId(), new StudyLoop.Replay(told, asksSoFar, store.size() + 1));
        return told;
      }

      public boolean stopped() {
        return false;
      }
    };
    try {
      loop.run(trials);
      assertTrue(study.finished(), "nothing left to ask or await");
    } catch (Crash expected) {
      // what was stored stays stored
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
    return asked;
  }

  /** Validation accuracy peaks at lr 0.01 and grows with epochs; lr above 0.5 diverges. */
  private static TrialResult fakeRun(TrialSpec t) {
    // From the values and the id, not the config: parsing each trial's YAML would make this test slow.
    double lr = ((Number) t.params().get("train.optimizer.lr")).doubleValue();
    int epochs = t.stopAtEpoch() != null ? t.stopAtEpoch() : t.trialId().startsWith("s2-") ? 3 : 4;
    Function<Double, TrialResult> completed = acc -> new TrialResult.Completed(
        new io.troupe.trial.TrialInfo(t.trialId(), t.params(), t.seed(), List.of(), Map.of("val_accuracy", acc),
            null, null, 0, Map.of(ArtifactRole.MODEL.entry(), ArtifactRole.MODEL.key(t.trialId()))),
        null, null, null);
    if (lr > 0.5) {
      return new TrialResult.Diverged(io.troupe.trial.TrialInfo.untrained(t.trialId(), t.params(), t.seed(), Map.of(),
          null, 0), null);
    }
    double distance = Math.abs(Math.log10(lr) + 2);
    return completed.apply(0.9 - 0.1 * distance - 0.2 / epochs + (t.seed() % 7) * 1e-4);
  }

}
