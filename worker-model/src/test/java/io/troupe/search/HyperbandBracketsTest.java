package io.troupe.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ConfigLoader;
import io.troupe.config.HyperbandSpec;
import io.troupe.search.HyperbandBrackets.Bracket;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperbandBracketsTest {
  @Test
  void hyperbandsOwnTotalGivesHyperbandsOwnBrackets() {
    // Li et al. 2018, R = 27, eta = 3: n = 27, 12, 6, 4 trials starting at r = 1, 3, 9, 27 epochs.
    assertEquals(List.of(new Bracket(0, 1, 27), new Bracket(1, 3, 12), new Bracket(2, 9, 6), new Bracket(3, 27, 4)),
        HyperbandBrackets.plan(1, 27, 3, 4, 49));
  }

  @Test
  void anyOtherTotalIsSplitInTheSameProportionsByLargestRemainders() {
    // Shares 6.75 : 3 : 1.5 : 1 of 20 are 11.02, 4.90, 2.45, 1.63: floors 11, 4, 2, 1, remainders to b1 and b3.
    assertEquals(List.of(11, 5, 2, 2), trials(HyperbandBrackets.plan(1, 27, 3, 4, 20)));
    assertEquals(20, trials(HyperbandBrackets.plan(1, 27, 3, 4, 20)).stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void bracketSStartsAtTheSthRungAndTheLastAtMaxEpochs() {
    List<Bracket> plan = HyperbandBrackets.plan(2, 20, 3, 4, 8);
    assertEquals(List.of(2, 6, 18, 20), plan.stream().map(Bracket::minEpochs).toList());
    assertEquals(List.of(4, 2, 1, 1), trials(plan));
  }

  @Test
  void fewerBracketsKeepTheMostAggressiveOnes() {
    // Rungs 1, 3, 9: shares 9 and 4.5 of 9 trials.
    List<Bracket> plan = HyperbandBrackets.plan(1, 9, 3, 2, 9);
    assertEquals(List.of(new Bracket(0, 1, 6), new Bracket(1, 3, 3)), plan);
  }

  @Test
  void everyBracketGetsATrialEvenWhenItsShareRoundsToNone() {
    // Shares 81 : 33.75 : 15 : 7.5 : 5 of 5 trials would round to 3, 1, 1, 0, 0.
    assertEquals(List.of(1, 1, 1, 1, 1), trials(HyperbandBrackets.plan(1, 81, 3, 5, 5)));
  }

  @Test
  void refusesMoreBracketsThanRungsOrFewerTrialsThanBrackets() {
    assertThrows(IllegalArgumentException.class, () -> HyperbandBrackets.plan(1, 27, 3, 5, 49));
    assertThrows(IllegalArgumentException.class, () -> HyperbandBrackets.plan(1, 27, 3, 4, 3));
  }

  @Test
  void theConfigCountsTheRungsAsTheSchedulerPlacesThem() {
    for (String settings : List.of("{minEpochs: 1, maxEpochs: 27, reduction: 3}", "{minEpochs: 2, maxEpochs: 20, reduction: 3}",
        "{minEpochs: 1, maxEpochs: 2, reduction: 4}", "{minEpochs: 3, maxEpochs: 100, reduction: 2}")) {
      HyperbandSpec h = ConfigLoader.parse("search: {hyperband: " + settings + "}", "h.yaml", "h", List.of())
          .search().hyperband();
      assertEquals(AshaScheduler.rungs(h.minEpochs(), h.maxEpochs(), h.reduction()).size(), h.rungCount(), settings);
      assertEquals(h.rungCount(), h.bracketCount(), "every bracket unless brackets is given");
    }
  }

  private static List<Integer> trials(List<Bracket> plan) {
    return plan.stream().map(Bracket::trials).toList();
  }
}
