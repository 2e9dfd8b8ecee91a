package io.troupe.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PBT's generations on hand-made results: who continues which checkpoint, with which values. */
class PbtStudyTest {
  private static final String CONFIG = """
      name: pbt
      seed: 3
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 4, classes: 2}}
      train: {epochs: 5, optimizer: {lr: 0.05}}
      search:
        strategy: pbt
        space: {model.dropout: {uniform: [0.0, 0.5]}}
        pbt: {population: 4, interval: 2, quantile: 0.25, mutable: [train.optimizer.lr], perturb: [0.5, 2.0]}
      """;

  private final List<String> notes = new ArrayList<>();
  private final PbtStudy study = new PbtStudy(ConfigLoader.parse(CONFIG, "pbt.yaml", null, List.of()), notes::add);

  private List<TrialSpec> askAll() {
    List<TrialSpec> asked = new ArrayList<>();
    for (Optional<TrialSpec> t = study.ask(); t.isPresent(); t = study.ask()) {
      asked.add(t.get());
    }
    return asked;
  }

  private void tell(TrialSpec t, double valAccuracy) {
    study.tell(new Told(t.trialId(), TrialStatus.COMPLETED, t.params(), Map.of("val_accuracy", valAccuracy),
        Map.of(ArtifactRole.MODEL.entry(), ArtifactRole.MODEL.key(t.trialId()))));
  }

  private static double lr(TrialSpec t) {
    return t.experiment().train().optimizer().lr();
  }

  @Test
  void theWorstMemberContinuesTheBestOnesCheckpointWithAPerturbedRate() {
    List<TrialSpec> g0 = askAll();
    assertEquals(List.of("p01-g0", "p02-g0", "p03-g0", "p04-g0"), g0.stream().map(TrialSpec::trialId).toList());
    assertEquals(12, study.expected(), "4 members x 3 generations (2 + 2 + 1 epochs)");
    for (TrialSpec t : g0) {
      assertNull(t.resumeFrom());
      assertEquals(2, t.stopAtEpoch());
      assertEquals(0.05, lr(t), "the config's rate, in every member's params too");
      assertEquals(0.05, t.params().get("train.optimizer.lr"));
      assertEquals(5, t.experiment().train().epochs(), "train.epochs is the whole budget");
    }
    double[] scores = {0.6, 0.9, 0.7, 0.3};
    for (int i = 0; i < 4; i++) {
      tell(g0.get(i), scores[i]);
    }

    List<TrialSpec> g1 = askAll();
    assertEquals(List.of("p01-g1", "p02-g1", "p03-g1", "p04-g1"), g1.stream().map(TrialSpec::trialId).toList());
    TrialSpec copier = g1.get(3);
    assertEquals(ArtifactRole.MODEL.key("p02-g0"), copier.resumeFrom(), "exploit: p02's checkpoint, not a restart");
    assertEquals("p02-g0", copier.params().get(PbtStudy.COPIED));
    assertEquals(g0.get(1).params().get("model.dropout"), copier.params().get("model.dropout"), "p02's values");
    assertTrue(lr(copier) == 0.025 || lr(copier) == 0.1, "explore: 0.05 x 0.5 or x 2, got " + lr(copier));
    assertEquals(lr(copier), copier.params().get("train.optimizer.lr"));
    assertEquals(g0.get(3).seed(), copier.seed(), "a member keeps its own seed");
    for (int i = 0; i < 3; i++) {
      TrialSpec kept = g1.get(i);
      assertEquals(ArtifactRole.MODEL.key(g0.get(i).trialId()), kept.resumeFrom(), "the rest continue their own");
      assertFalse(kept.params().containsKey(PbtStudy.COPIED));
      assertEquals(g0.get(i).params(), kept.params());
      assertEquals(4, kept.stopAtEpoch());
    }
    assertTrue(notes.stream().anyMatch(n -> n.startsWith("pbt g0: p04 (val_accuracy 0.3000) copies p02-g0 (0.9000)")),
        notes.toString());

    for (int i = 0; i < 4; i++) {
      tell(g1.get(i), i == 0 ? Double.NaN : 0.5 + i / 10.0); // p01 diverged: it copies though not in the bottom quantile
    }
    List<TrialSpec> g2 = askAll();
    assertEquals(5, g2.get(0).stopAtEpoch(), "the last generation is the 1 epoch left");
    assertEquals("p04-g1", g2.get(0).params().get(PbtStudy.COPIED), "p01 copies the best, p04");
    assertFalse(g2.get(3).params().containsKey(PbtStudy.COPIED), "p04 copied last generation, not this one");
    assertEquals(g1.get(3).params().get("train.optimizer.lr"), g2.get(3).params().get("train.optimizer.lr"));
    assertFalse(study.finished());
    g2.forEach(t -> tell(t, 0.8));
    assertTrue(study.finished());
    assertTrue(study.ask().isEmpty());
  }

  @Test
  void aPopulationWithNoScoreLeftEnds() {
    List<TrialSpec> g0 = askAll();
    g0.forEach(t -> study.tell(new Told(t.trialId(), TrialStatus.DIVERGED, t.params(), Map.of(), Map.of())));
    assertTrue(study.ask().isEmpty());
    assertTrue(study.finished());
    assertEquals(4, study.expected());
    assertTrue(notes.get(notes.size() - 1).contains("no member has a val_accuracy after generation 0"), notes.toString());
  }

  @Test
  void membersStartFromTheFirstSamplesOfARandomSearch() {
    ExperimentSpec random = ConfigLoader.parse(CONFIG, "pbt.yaml", null, List.of("search.strategy=random",
        "search.trials=4"));
    List<Object> randomDropouts = TrialPlanner.plan(random).stream().map(t -> t.params().get("model.dropout")).toList();
    assertEquals(randomDropouts, askAll().stream().map(t -> t.params().get("model.dropout")).toList());
  }
}
