package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.Direction;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AshaSchedulerTest {
  private static AshaScheduler asha(Direction direction) {
    return new AshaScheduler(1, 27, 3, direction);
  }

  /** All promotions available now, in the order the scheduler hands them out. */
  private static List<Promotion> drain(AshaScheduler asha) {
    List<Promotion> out = new ArrayList<>();
    for (Optional<Promotion> p = asha.nextPromotion(); p.isPresent(); p = asha.nextPromotion()) {
      out.add(p.get());
    }
    return out;
  }

  private static List<String> ids(List<Promotion> promotions) {
    return promotions.stream().map(Promotion::trialId).toList();
  }

  @Test
  void rungsGrowByTheReductionFactorAndEndAtMaxEpochs() {
    assertEquals(List.of(1, 3, 9, 27), new AshaScheduler(1, 27, 3, Direction.MAXIMIZE).rungEpochs());
    assertEquals(List.of(2, 6, 18, 20), new AshaScheduler(2, 20, 3, Direction.MAXIMIZE).rungEpochs());
    assertEquals(List.of(1, 2, 4, 8, 16), new AshaScheduler(1, 16, 2, Direction.MAXIMIZE).rungEpochs());
  }

  @Test
  void topThirdOfNineIsPromotedBestFirstAndNoMore() {
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    // Reported out of order: t1..t9 score 0.1..0.9.
    for (int i : new int[] {4, 9, 1, 7, 2, 8, 5, 3, 6}) {
      asha.report("t" + i, 0, i / 10.0);
    }
    assertEquals(List.of(new Promotion("t9", 0, 1, 3), new Promotion("t8", 0, 1, 3), new Promotion("t7", 0, 1, 3)),
        drain(asha));
    assertTrue(asha.isPromoted("t7", 0));
    assertFalse(asha.isPromoted("t6", 0));
    // A 10th report keeps the quota at floor(10/3) = 3: still nothing.
    asha.report("t10", 0, 0.05);
    assertEquals(List.of(), drain(asha));
  }

  @Test
  void promotionIsAsynchronous() {
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    asha.report("a", 0, 0.5);
    asha.report("b", 0, 0.2);
    assertEquals(List.of(), drain(asha), "2 reports: quota floor(2/3) = 0");
    asha.report("c", 0, 0.9);
    assertEquals(List.of("c"), ids(drain(asha)), "3 reports: the single best goes on at once");
    asha.report("d", 0, 0.1);
    asha.report("e", 0, 0.7);
    asha.report("f", 0, 0.3);
    // 6 reports: top 2 are c (already promoted) and e.
    assertEquals(List.of("e"), ids(drain(asha)));
  }

  @Test
  void higherRungsArePromotedFirst() {
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    for (int i = 1; i <= 9; i++) {
      asha.report("t" + i, 0, i / 10.0);
    }
    drain(asha); // t9, t8, t7 to rung 1
    asha.report("t9", 1, 0.95);
    asha.report("t8", 1, 0.85);
    asha.report("t7", 1, 0.75);
    for (int i = 10; i <= 12; i++) {
      asha.report("t" + i, 0, 0.01 * i);
    }
    // Rung 1 (quota 1: t9) before rung 0 (12 reports, quota 4: t6).
    assertEquals(List.of(new Promotion("t9", 1, 2, 9), new Promotion("t6", 0, 1, 3)), drain(asha));
  }

  @Test
  void divergedTrialsAreNeverPromoted() {
    AshaScheduler asha = asha(Direction.MINIMIZE);
    asha.report("a", 0, Double.NaN);
    asha.report("b", 0, Double.NaN);
    asha.report("c", 0, Double.NaN);
    assertEquals(List.of(), drain(asha), "NaN must not win even when minimizing");
    asha.report("d", 0, Double.POSITIVE_INFINITY);
    asha.report("e", 0, 0.4);
    asha.report("f", 0, 0.3);
    // Quota 2 of 6: f and e, the only finite scores.
    assertEquals(List.of("f", "e"), ids(drain(asha)));
  }

  @Test
  void divergedTrialsDoNotTakeAPlaceWhenMaximizing() {
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    asha.report("a", 0, Double.NaN);
    asha.report("b", 0, Double.NaN);
    asha.report("c", 0, 0.1);
    // Quota 1 of 3: NaN ranks last, so the one scored trial is the top, however poor its score.
    assertEquals(List.of("c"), ids(drain(asha)));
  }

  @Test
  void minimizePromotesTheLowest() {
    AshaScheduler asha = asha(Direction.MINIMIZE);
    for (int i = 1; i <= 9; i++) {
      asha.report("t" + i, 0, i / 10.0);
    }
    assertEquals(List.of("t1", "t2", "t3"), ids(drain(asha)));
  }

  @Test
  void tiesGoToTheSmallerTrialId() {
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    asha.report("c", 0, 0.5);
    asha.report("a", 0, 0.5);
    asha.report("b", 0, 0.5);
    assertEquals(List.of("a"), ids(drain(asha)));
  }

  @Test
  void replayedHigherRungReportPreventsARepeatPromotion() {
    // After a restart, stored results are replayed: "a" already went on to rung 1.
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    asha.report("a", 0, 0.9);
    asha.report("a", 1, 0.95);
    asha.report("b", 0, 0.2);
    asha.report("c", 0, 0.1);
    assertTrue(asha.isPromoted("a", 0));
    assertEquals(List.of(), drain(asha));
  }

  @Test
  void prunedAfterAFullRunIsEveryoneStoppedBeforeTheLastRung() {
    AshaScheduler asha = new AshaScheduler(1, 9, 3, Direction.MAXIMIZE); // rungs [1, 3, 9]
    for (int i = 1; i <= 9; i++) {
      asha.report("t" + i, 0, i / 10.0);
    }
    for (Promotion p : drain(asha)) {
      asha.report(p.trialId(), p.toRung(), p.trialId().equals("t8") ? 1.0 : 0.5);
    }
    List<Promotion> last = drain(asha);
    assertEquals(List.of(new Promotion("t8", 1, 2, 9)), last);
    asha.report("t8", 2, 1.0);
    // Everyone but t8 stopped early: t1..t6 at rung 0, t7 and t9 at rung 1.
    assertEquals(Set.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t9"), asha.pruned());
  }

  @Test
  void sameReportsGiveTheSamePromotions() {
    assertEquals(simulate(123), simulate(123));
  }

  /** A small driver: 4 workers, 30 trials, seeded random scores; returns the promotion sequence. */
  private static List<Promotion> simulate(long seed) {
    Random rng = new Random(seed);
    AshaScheduler asha = asha(Direction.MAXIMIZE);
    Deque<String> fresh = new ArrayDeque<>();
    for (int i = 0; i < 30; i++) {
      fresh.add(String.format("t%02d", i));
    }
    List<Promotion> promotions = new ArrayList<>();
    while (!fresh.isEmpty()) {
      Optional<Promotion> p = asha.nextPromotion();
      if (p.isPresent()) {
        promotions.add(p.get());
        asha.report(p.get().trialId(), p.get().toRung(), rng.nextDouble());
      } else {
        asha.report(fresh.poll(), 0, rng.nextDouble());
      }
    }
    promotions.addAll(drain(asha));
    assertFalse(promotions.isEmpty());
    assertTrue(new TreeSet<>(asha.pruned()).size() < 30);
    return promotions;
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new AshaScheduler(0, 27, 3, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class, () -> new AshaScheduler(30, 27, 3, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class, () -> new AshaScheduler(1, 27, 1, Direction.MAXIMIZE));
    assertThrows(IllegalArgumentException.class, () -> asha(Direction.MAXIMIZE).report("a", 4, 0.5));
  }

  @Test
  void aTrialThatStoppedEarlyKeepsItsPlaceButIsNeverPromotedOrPruned() {
    AshaScheduler asha = new AshaScheduler(1, 9, 3, Direction.MAXIMIZE);
    asha.report("a", 0, 0.9);
    asha.report("b", 0, 0.5);
    asha.report("c", 0, 0.4);
    asha.finish("a");
    assertTrue(asha.nextPromotion().isEmpty(), "the top third is a, which stopped; b does not take its place");
    assertFalse(asha.pruned().contains("a"));
    assertTrue(asha.pruned().contains("b"));
  }
}
