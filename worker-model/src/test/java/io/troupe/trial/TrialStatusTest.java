package io.troupe.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrialStatusTest {
  @Test
  void parsesTheNamesTrialsJsonlHolds() {
    for (TrialStatus s : TrialStatus.values()) {
      assertEquals(s, TrialStatus.parse(s.name()));
    }
    assertEquals(TrialStatus.PRUNED, TrialStatus.parse("PRUNED"));
  }

  @Test
  void anUnknownStatusNamesItAndTheAllowedValues() {
    // Case matters: the records are written in capitals, and nothing else ever wrote them.
    for (String text : new String[] {"completed", "RUNNING", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialStatus.parse(text));
      assertEquals("unknown status \"" + text + "\"; expected one of COMPLETED, DIVERGED, FAILED, PRUNED",
          e.getMessage());
    }
  }

  @Test
  void onlyAFailedTrialHasNotEnded() {
    assertTrue(TrialStatus.COMPLETED.ended());
    assertTrue(TrialStatus.DIVERGED.ended());
    assertTrue(TrialStatus.PRUNED.ended());
    assertFalse(TrialStatus.FAILED.ended(), "a failed trial may be rerun on --resume");
  }
}
