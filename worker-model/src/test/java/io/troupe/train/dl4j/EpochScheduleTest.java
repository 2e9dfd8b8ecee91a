package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

class EpochScheduleTest {
  private static final double EPS = 1e-12;

  @Test
  void constantIgnoresIterationAndEpoch() {
    EpochSchedule s = EpochSchedule.constant(0.3, 7);
    assertEquals(0.3, s.valueAt(0, 0), EPS);
    assertEquals(0.3, s.valueAt(10_000, 99), EPS);
  }

  @Test
  void stepMultipliesByFactorEveryStepEpochs() {
    // 10 iterations per epoch, halve every 2 epochs (= every 20 iterations).
    EpochSchedule s = EpochSchedule.step(1.0, 10, 2.0, 0.5);
    assertEquals(1.0, s.valueAt(0, 0), EPS);
    assertEquals(1.0, s.valueAt(19, 1), EPS);
    assertEquals(0.5, s.valueAt(20, 2), EPS);
    assertEquals(0.25, s.valueAt(45, 4), EPS);
    // Fractional steps: 1.1 epochs of 10 iterations is 11 iterations, but 1.1 * 10 is
    // 11.000000000000002 in binary; the boundary must still fall at iteration 11, not 12.
    EpochSchedule fine = EpochSchedule.step(1.0, 10, 1.1, 0.5);
    assertEquals(1.0, fine.valueAt(10, 1), EPS);
    assertEquals(0.5, fine.valueAt(11, 1), EPS);
    assertEquals(0.125, fine.valueAt(33, 3), EPS);
    assertEquals(0.25, fine.valueAt(32, 3), EPS);
  }

  @Test
  void exponentialAndInverseDecayPerEpoch() {
    EpochSchedule exp = EpochSchedule.exponential(0.1, 4, 0.5);
    assertEquals(0.1, exp.valueAt(0, 0), EPS);
    assertEquals(0.1 * Math.exp(-0.5 * 1.5), exp.valueAt(6, 1), EPS); // t = 6 / 4
    assertEquals(0.1 * Math.exp(-0.5 * 10), exp.valueAt(40, 10), EPS);
    EpochSchedule inv = EpochSchedule.inverse(0.1, 4, 0.5);
    assertEquals(0.1, inv.valueAt(0, 0), EPS);
    assertEquals(0.1 / (1 + 0.5 * 1.5), inv.valueAt(6, 1), EPS);
    assertEquals(0.1 / (1 + 0.5 * 25), inv.valueAt(100, 25), EPS);
  }

  @Test
  void cosineGoesFromBaseToMinOverTotalEpochsThenStays() {
    EpochSchedule s = EpochSchedule.cosine(0.1, 0.001, 20, 5);
    assertEquals(0.1, s.valueAt(0, 0), EPS);
    assertEquals((0.1 + 0.001) / 2, s.valueAt(50, 2), EPS); // t = 2.5 = T / 2
    double quarter = 0.001 + 0.099 * (1 + Math.cos(Math.PI / 4)) / 2; // t = 1.25
    assertEquals(quarter, s.valueAt(25, 1), EPS);
    assertEquals(0.001, s.valueAt(100, 5), EPS);
    assertEquals(0.001, s.valueAt(1000, 50), EPS);
  }

  @Test
  void cyclicRestartsAtBaseAndEndsNearMin() {
    // 25 cycles in 10 epochs of 50 iterations: 0.4 epochs = 20 iterations per cycle.
    EpochSchedule s = EpochSchedule.cyclicCosine(0.1, 0.001, 50, 0.4, 0);
    assertEquals(20, s.iterationsPerCycle());
    double nearMin = 0.001 + 0.099 * 0.01; // last iteration is 19/20 of the way down
    for (int c = 0; c < 25; c++) {
      int start = 20 * c;
      assertEquals(0.1, s.valueAt(start, start / 50), EPS, "cycle " + c + " starts at baseLr");
      assertEquals(c, s.cycleIndex(start));
      double last = s.valueAt(start + 19, (start + 19) / 50);
      assertTrue(last >= 0.001 && last < nearMin, "cycle " + c + " ends at " + last);
      assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 10 / 20)) / 2,
          s.valueAt(start + 10, 0), EPS, "half way down in cycle " + c);
    }
  }

  @Test
  void endsCycleExactlyOncePerCycle() {
    EpochSchedule s = EpochSchedule.cyclicCosine(0.1, 0.001, 50, 0.4, 0);
    List<Long> ends = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      if (s.endsCycle(i)) {
        ends.add(i);
      }
    }
    assertEquals(25, ends.size(), "ends " + ends);
    for (int c = 0; c < 25; c++) {
      assertEquals(20L * c + 19, ends.get(c));
    }
    // The same when cycleEpochs * iterationsPerEpoch is inexact: 1.1 * 10 = 11.000000000000002.
    EpochSchedule odd = EpochSchedule.cyclicCosine(0.1, 0.0, 10, 1.1, 0);
    assertEquals(11, odd.iterationsPerCycle());
    assertEquals(10, countEnds(odd, 110));
    assertEquals(0.1, odd.valueAt(99), EPS, "cycle 9 starts at iteration 99");
  }

  private static int countEnds(EpochSchedule s, long iterations) {
    int n = 0;
    for (long i = 0; i < iterations; i++) {
      n += s.endsCycle(i) ? 1 : 0;
    }
    return n;
  }

  @Test
  void cyclicHoldsBaseUntilCycleStartEpoch() {
    // Cycles of 1 epoch (50 iterations) starting after 2 epochs.
    EpochSchedule s = EpochSchedule.cyclicCosine(0.1, 0.0, 50, 1, 2);
    assertEquals(100, s.cycleStartIteration());
    for (long i = 0; i < 100; i += 7) {
      assertEquals(0.1, s.valueAt(i), EPS, "constant before cycles, iteration " + i);
      assertEquals(-1, s.cycleIndex(i));
    }
    assertFalse(s.endsCycle(99), "leaving the constant phase is not the end of a cycle");
    assertEquals(0, s.cycleIndex(100));
    assertEquals(0.1, s.valueAt(100), EPS);
    assertTrue(s.valueAt(149) < 0.001);
    assertTrue(s.endsCycle(149));
    assertEquals(0.1, s.valueAt(150), EPS);
    assertEquals(3, countEnds(s, 250));
  }

  @Test
  void nonCyclicKindsHaveNoCycles() {
    EpochSchedule s = EpochSchedule.cosine(0.1, 0.0, 10, 3);
    assertEquals(-1, s.cycleIndex(5));
    assertEquals(0, countEnds(s, 100));
  }

  @Test
  void rejectsInvalidArgumentsNamingTheField() {
    assertRejects("iterationsPerEpoch", () -> EpochSchedule.constant(0.1, 0));
    assertRejects("baseLr", () -> EpochSchedule.constant(-0.1, 10));
    assertRejects("baseLr", () -> EpochSchedule.constant(Double.NaN, 10));
    assertRejects("stepEpochs", () -> EpochSchedule.step(0.1, 10, 0, 0.5));
    assertRejects("factor", () -> EpochSchedule.step(0.1, 10, 1, 0));
    assertRejects("decay", () -> EpochSchedule.exponential(0.1, 10, -1));
    assertRejects("totalEpochs", () -> EpochSchedule.cosine(0.1, 0, 10, 0));
    assertRejects("minLr", () -> EpochSchedule.cosine(0.1, 0.2, 10, 5));
    assertRejects("cycleEpochs", () -> EpochSchedule.cyclicCosine(0.1, 0, 10, 0, 0));
    assertRejects("cycleStartEpoch", () -> EpochSchedule.cyclicCosine(0.1, 0, 10, 1, -1));
    assertRejects("kind", () -> new EpochSchedule(null, 0.1, 10, 0, 0, 0, 0, 0, 0, 0));
  }

  private static void assertRejects(String field, Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().contains(field), x.getMessage());
  }

  @Test
  void cloneIsEqualAndEqualityIsByValue() {
    EpochSchedule s = EpochSchedule.cyclicCosine(0.1, 0.001, 50, 0.4, 1);
    ISchedule copy = s.clone();
    assertNotSame(s, copy);
    assertEquals(s, copy);
    assertEquals(s.hashCode(), copy.hashCode());
    assertNotEquals(s, EpochSchedule.cyclicCosine(0.1, 0.001, 50, 0.4, 2));
    assertNotEquals(s, EpochSchedule.cyclicCosine(0.1, 0.001, 51, 0.4, 1));
  }

  @Test
  void survivesConfigurationJsonInsideAdamAndSgd() {
    EpochSchedule cyclic = EpochSchedule.cyclicCosine(0.01, 0.0001, 50, 0.4, 1.5);
    EpochSchedule step = EpochSchedule.step(0.5, 30, 0.1, 0.9);
    MultiLayerConfiguration conf = Nets.classifier(Nets.builder(new Adam(cyclic), 1));
    ((BaseLayer) conf.getConf(1).getLayer()).setIUpdater(new Sgd(step));
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    ISchedule adamBack = ((Adam) updater(back, 0)).getLearningRateSchedule();
    ISchedule sgdBack = ((Sgd) updater(back, 1)).getLearningRateSchedule();
    assertEquals(cyclic, adamBack);
    assertEquals(step, sgdBack);
    for (int i : new int[] {0, 1, 19, 20, 74, 75, 76, 94, 95, 1000, 12_345}) {
      assertEquals(cyclic.valueAt(i, 0), adamBack.valueAt(i, 0), 0.0, "adam at " + i);
      assertEquals(step.valueAt(i, 0), sgdBack.valueAt(i, 0), 0.0, "sgd at " + i);
    }
  }

  private static Object updater(MultiLayerConfiguration conf, int layer) {
    return ((BaseLayer) conf.getConf(layer).getLayer()).getIUpdater();
  }

  @Test
  void drivesTheLearningRateDuringTraining() {
    // 4 iterations per epoch, lr drops by 10x every epoch; DL4J reports the current lr.
    EpochSchedule s = EpochSchedule.step(0.1, 4, 1, 0.1);
    MultiLayerNetwork net = Nets.classifier(new Sgd(s), 2);
    DataSet data = Nets.classification(16, 3);
    Nets.fit(net, data, 5);
    assertEquals(5, net.getIterationCount());
    assertEquals(s.valueAt(5, 0), net.getLearningRate(0), 1e-15);
    assertEquals(0.01, net.getLearningRate(0), 1e-15);
  }
}
