package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialsLogTest {
  @TempDir Path dir;

  @Test
  void keepsTheLatestRecordOfEachTrialAndSkipsOnlyATornLastLine() throws IOException {
    List<String> lines = new java.util.ArrayList<>(ReportFixtures.sweepLines());
    lines.add(0, "{\"trialId\":\"t3\",\"status\":\"FAILED\",\"params\":{},\"metrics\":{}}"); // later rerun completed
    Path file = ReportFixtures.trials(dir, lines, "{\"trialId\":\"t9\",");
    TrialsLog log = TrialsLog.read(ReportFixtures.filesOf(file));
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6"), log.trials().stream().map(StoredTrial::trialId).toList());
    assertEquals(TrialStatus.COMPLETED, log.trials().get(3).status());
    assertEquals(1, log.warnings().size(), log.warnings().toString());
    assertTrue(log.warnings().get(0).contains("line 9 skipped: a torn last line"), log.warnings().get(0));
  }

  @Test
  void aMalformedLastLineThatEndsInANewlineIsNotTorn() throws IOException {
    Path file = ReportFixtures.trials(dir, List.of(ReportFixtures.sweepLines().get(0), "{\"trialId\":"), "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrialsLog.read(ReportFixtures.filesOf(file)));
    assertTrue(e.getMessage().contains(file + ": line 2 is not a trial record"), e.getMessage());
  }

  @Test
  void aRecordWithoutStatusIsNamed() throws IOException {
    Path file = ReportFixtures.trials(dir, List.of("{\"trialId\":\"t1\"}", ReportFixtures.sweepLines().get(0)), "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrialsLog.read(ReportFixtures.filesOf(file)));
    assertTrue(e.getMessage().contains("line 1 is not a trial record: a trial record needs trialId and status"),
        e.getMessage());
  }

  @Test
  void withoutRunJsonRankingTakesCompletedTrialsByAccuracyAndFallsBackToLossForRegression() throws IOException {
    TrialRanking ranking = TrialRanking.of(TrialsLog.read(ReportFixtures.filesOf(ReportFixtures.trials(dir, ReportFixtures.sweepLines(), ""))).trials(), null);
    assertEquals("val_accuracy", ranking.metric().name());
    assertFalse(ranking.fromManifest());
    assertEquals(List.of("t3", "t2", "t4", "t1", "t0"), ranking.ranked().stream().map(StoredTrial::trialId).toList());

    StoredTrial low = trial("r1", Map.of("val_loss", 0.2));
    StoredTrial high = trial("r2", Map.of("val_loss", 0.5));
    TrialRanking regression = TrialRanking.of(List.of(high, low), null);
    assertEquals("val_loss", regression.metric().name());
    assertEquals(List.of(low, high), regression.ranked(), "lowest loss first");
  }

  @Test
  void historyGivesCurvesByEpochAndPositiveRatiosPerLayer() throws IOException {
    StoredTrial t3 = TrialsLog.read(ReportFixtures.filesOf(ReportFixtures.trials(dir, ReportFixtures.sweepLines(), ""))).trials().get(3);
    TrialHistory.Curve loss = TrialHistory.of(t3, "val_loss");
    assertEquals(6, loss.epochs().length);
    assertEquals(1.0, loss.epochs()[0]);
    Map<String, TrialHistory.Curve> ratios = TrialHistory.updateRatios(t3);
    assertEquals(List.of("0:dense", "1:dense", "2:output"), List.copyOf(ratios.keySet()));
    assertEquals(0.03 * 0.08, ratios.get("0:dense").values()[0], 1e-12);
  }

  private static StoredTrial trial(String id, Map<String, Double> metrics) {
    return new StoredTrial(id, TrialStatus.COMPLETED, Map.of(), metrics, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  }
}
