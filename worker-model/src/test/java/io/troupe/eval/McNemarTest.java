package io.troupe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class McNemarTest {
  @Test
  void equalDiscordantCountsGiveOne() {
    assertEquals(1.0, McNemar.exactP(7, 7));
    assertEquals(1.0, McNemar.exactP(0, 0), "no disagreement at all");
    assertEquals(1.0, McNemar.exactP(4000, 4000), "large counts too");
  }

  @Test
  void smallCountsMatchTheBinomialTailByHand() {
    assertEquals(2.0 / 1024, McNemar.exactP(0, 10), 1e-15); // 2 x 1/2^10
    assertEquals(22.0 / 1024, McNemar.exactP(1, 9), 1e-15); // 2 x (1 + 10)/2^10
    assertEquals(112.0 / 1024, McNemar.exactP(8, 2), 1e-15); // 2 x (1 + 10 + 45)/2^10, either order
  }

  @Test
  void largeCountsAgreeWithTheChiSquaredApproximation() {
    // b + c = 10,000, |b - c| = 200: continuity-corrected chi^2 = 199^2 / 10,000 = 3.96, p = 0.0466.
    assertEquals(0.0466, McNemar.exactP(4900, 5100), 0.002);
  }

  @Test
  void onlyExamplesTheModelsDisagreeOnCount() {
    // 4 both right, 1 both wrong, 1 right for the first alone, 9 for the second alone.
    boolean[] first = {true, true, true, true, false, true, false, false, false, false, false, false, false, false, false};
    boolean[] second = {true, true, true, true, false, false, true, true, true, true, true, true, true, true, true};
    McNemar m = McNemar.of(first, second);
    assertEquals(1, m.firstOnly());
    assertEquals(9, m.secondOnly());
    assertEquals(22.0 / 1024, m.p(), 1e-15);
    assertTrue(m.p() < 0.05, "a clearly better model: " + m);
  }

  @Test
  void refusesModelsOnDifferentExamples() {
    assertThrows(IllegalArgumentException.class, () -> McNemar.of(new boolean[3], new boolean[4]));
  }
}
