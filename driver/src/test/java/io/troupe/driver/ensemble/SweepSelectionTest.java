package io.troupe.driver.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.driver.store.StoredTrial;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stored trials a sweep's ensembles are built from. */
class SweepSelectionTest {
  private static StoredTrial completed(String id) {
    return StoredTrial.fromLine("{\"trialId\":\"" + id + "\",\"status\":\"COMPLETED\",\"metrics\":{}}");
  }

  @Test
  void anAshaTrialCountsOnceAtItsLastCompletedRung() {
    List<StoredTrial> last = SweepSelection.lastRungs(List.of(completed("t0001-r0"), completed("t0002-r0"),
        completed("t0001-r1"), completed("t0003-r0"), completed("t0001-r2"), completed("t0002-r1")));
    assertEquals(List.of("t0001-r2", "t0002-r1", "t0003-r0"), last.stream().map(StoredTrial::trialId).toList());
  }

  @Test
  void aHyperbandTrialAndAPbtMemberCountOnceAtTheirLastRunOrGeneration() {
    List<StoredTrial> last = SweepSelection.lastRungs(List.of(completed("b0-t0001-r0"), completed("b1-t0001-r0"),
        completed("b0-t0001-r1"), completed("p01-g0"), completed("p02-g0"), completed("p01-g1"), completed("p02-g1")));
    assertEquals(List.of("b0-t0001-r1", "b1-t0001-r0", "p01-g1", "p02-g1"),
        last.stream().map(StoredTrial::trialId).toList());
  }

  @Test
  void trialsOfOtherSweepsAreTakenAsTheyAre() {
    List<StoredTrial> last = SweepSelection.lastRungs(List.of(completed("t0001"), completed("s1-t0002"),
        completed("member-01")));
    assertEquals(List.of("t0001", "s1-t0002", "member-01"), last.stream().map(StoredTrial::trialId).toList());
  }
}
