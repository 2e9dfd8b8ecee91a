package io.troupe.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TPE study without Spark: random search's start, configurations observed by their repeats' mean, and learning. */
class TpeStudyTest {
  private static final String BASE = """
      name: tpe
      seed: 9
      data: {source: synthetic, synthetic: {trainSize: 100, testSize: 20, features: 4, classes: 2}}
      search:
        strategy: tpe
        trials: 40
        tpe: {startupTrials: 10}
        space:
          train.optimizer.lr: {logUniform: [1.0e-5, 1.0]}
      """;

  private static ExperimentSpec spec(String... sets) {
    return ConfigLoader.parse(BASE, "tpe.yaml", null, List.of(sets));
  }

  private static double lr(TrialSpec t) {
    return ((Number) t.params().get("train.optimizer.lr")).doubleValue();
  }

  /** Peaks at lr 1e-3; rates above 0.3 diverge. */
  private static Told run(TrialSpec t) {
    double lr = lr(t);
    if (lr > 0.3) {
      return new Told(t.trialId(), TrialStatus.DIVERGED, t.params(), Map.of(), Map.of());
    }
    double distance = Math.abs(Math.log10(lr) + 3);
    return new Told(t.trialId(), TrialStatus.COMPLETED, t.params(), Map.of("val_accuracy", 0.9 - 0.1 * distance), Map.of());
  }

  @Test
  void itStartsAsRandomSearchAndThenConvergesOnTheOptimum() {
    ExperimentSpec spec = spec();
    List<TrialSpec> random = TrialPlanner.plan(spec("search.strategy=random"));
    Study tpe = Studies.of(spec, line -> { });
    List<TrialSpec> asked = new ArrayList<>();
    while (!tpe.finished()) {
      TrialSpec t = tpe.ask().orElseThrow();
      asked.add(t);
      tpe.tell(run(t));
    }
    assertEquals(40, asked.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(random.get(i).params(), asked.get(i).params(), "start-up trial " + i + " is random search's");
      assertEquals(random.get(i).trialId(), asked.get(i).trialId());
    }
    double early = meanDistance(asked.subList(0, 10));
    double late = meanDistance(asked.subList(30, 40));
    assertTrue(late < early / 3, "the last 10 sit closer to lr 1e-3 than the random 10: " + late + " vs " + early);
    assertTrue(asked.subList(30, 40).stream().noneMatch(t -> lr(t) > 0.3), "it left the diverging region");
  }

  @Test
  void aConfigurationIsObservedOnceAllItsRepeatsAreToldAndTheRepeatsComeTogether() {
    Study tpe = Studies.of(spec("search.trials=3", "search.repeats=2", "search.tpe={startupTrials: 1}"), line -> { });
    TrialSpec a1 = tpe.ask().orElseThrow();
    TrialSpec a2 = tpe.ask().orElseThrow();
    assertEquals(List.of("t0001-rep1", "t0001-rep2"), List.of(a1.trialId(), a2.trialId()));
    assertEquals(a1.params(), a2.params());
    assertTrue(a1.seed() != a2.seed());
    // The next configuration may be asked while the first still runs.
    TrialSpec b1 = tpe.ask().orElseThrow();
    assertEquals("t0002-rep1", b1.trialId());
    tpe.tell(run(a1));
    tpe.tell(run(a2));
    tpe.tell(run(b1));
    tpe.tell(run(tpe.ask().orElseThrow()));
    TrialSpec c1 = tpe.ask().orElseThrow();
    assertEquals("t0003-rep1", c1.trialId());
    tpe.tell(run(c1));
    tpe.tell(run(tpe.ask().orElseThrow()));
    assertTrue(tpe.ask().isEmpty());
    assertTrue(tpe.finished());
    assertEquals(6, tpe.expected());
  }

  private static double meanDistance(List<TrialSpec> trials) {
    return trials.stream().mapToDouble(t -> Math.abs(Math.log10(lr(t)) + 3)).average().orElseThrow();
  }
}
