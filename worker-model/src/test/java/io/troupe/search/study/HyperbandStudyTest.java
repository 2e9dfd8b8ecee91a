package io.troupe.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ConfigLoader;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hyperband's brackets as ASHA studies side by side: ids, first rungs, promotions within a bracket. */
class HyperbandStudyTest {
  private static final String CONFIG = """
      name: hyperband
      seed: 3
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 4, classes: 2}}
      search:
        strategy: hyperband
        trials: 6
        space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0]}}
        hyperband: {minEpochs: 1, maxEpochs: 3, reduction: 3}
      """;

  @Test
  void bracketsStartAtTheirOwnRungsAndPromoteOnlyTheirOwnTrials() {
    List<String> notes = new ArrayList<>();
    HyperbandStudy study = new HyperbandStudy(ConfigLoader.parse(CONFIG, "hb.yaml", null, List.of()), notes::add);
    // Rungs 1 and 3; shares 3 : 2 of 6 trials are 3.6 and 2.4: 4 trials from 1 epoch, 2 straight to 3.
    assertEquals(List.of("hyperband bracket b0, 4 trials, rungs (epochs): [1, 3]",
        "hyperband bracket b1, 2 trials, rungs (epochs): [3]"), notes);
    List<TrialSpec> asked = new ArrayList<>();
    for (Optional<TrialSpec> t = study.ask(); t.isPresent(); t = study.ask()) {
      asked.add(t.get());
    }
    assertEquals(List.of("b0-t0001-r0", "b1-t0001-r0", "b0-t0002-r0", "b1-t0002-r0", "b0-t0003-r0", "b0-t0004-r0"),
        asked.stream().map(TrialSpec::trialId).toList(), "the brackets are asked in turn");
    for (TrialSpec t : asked) {
      assertEquals(t.trialId().startsWith("b0") ? 1 : 3, t.stopAtEpoch(), t.trialId());
      assertEquals(3, t.experiment().train().epochs(), "every rung follows maxEpochs' schedule");
    }
    for (TrialSpec t : asked) {
      // b1's trials score best of all, but they are in another bracket: b0 promotes its own best, b0-t0003.
      double score = t.trialId().startsWith("b1") ? 0.99 : t.trialId().equals("b0-t0003-r0") ? 0.8 : 0.5;
      study.tell(new Told(t.trialId(), TrialStatus.COMPLETED, t.params(), Map.of("val_accuracy", score),
          Map.of(ArtifactRole.MODEL.entry(), ArtifactRole.MODEL.key(t.trialId()))));
    }
    TrialSpec promoted = study.ask().orElseThrow();
    assertEquals("b0-t0003-r1", promoted.trialId());
    assertEquals(ArtifactRole.MODEL.key("b0-t0003-r0"), promoted.resumeFrom());
    assertEquals(3, promoted.stopAtEpoch());
    assertTrue(study.ask().isEmpty());
    study.tell(new Told(promoted.trialId(), TrialStatus.COMPLETED, promoted.params(), Map.of("val_accuracy", 0.9),
        Map.of()));
    assertTrue(study.finished());
    assertEquals(7, study.expected());
    assertEquals(List.of("b0-t0001", "b0-t0002", "b0-t0004"),
        study.closing().stream().map(r -> r.info().trialId()).toList(), "pruned: b0's others; b1 has one rung");
    study.closing().forEach(r -> assertEquals(TrialStatus.PRUNED, r.status()));
  }
}
