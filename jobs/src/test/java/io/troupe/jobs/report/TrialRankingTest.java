package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ObjectiveSpec;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import io.troupe.driver.sweep.Leaderboard;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRankingTest {
  @TempDir Path dir;

  private List<StoredTrial> sweep() throws IOException {
    return TrialsLog.read(ReportFixtures.filesOf(ReportFixtures.trials(dir, ReportFixtures.sweepLines(), ""))).trials();
  }

  private RunManifest manifest(String... sets) throws IOException {
    ReportFixtures.manifest(dir, sets);
    return RunDirectory.readManifest(ReportFixtures.filesOf(dir.resolve(RunManifest.FILE)));
  }

  private static List<String> ids(List<StoredTrial> trials) {
    return trials.stream().map(StoredTrial::trialId).toList();
  }

  @Test
  void aRunWhoseObjectiveIsValLossRanksTheLowestLossFirst() throws IOException {
    TrialRanking ranking = TrialRanking.of(sweep(), manifest("objective.metric=val_loss"));
    assertEquals("val_loss (lower is better)", ranking.metric().described());
    assertTrue(ranking.fromManifest());
    // t3 has the best accuracy but not the lowest loss; the diverged t5 and failed t6 have no score.
    assertEquals(List.of("t2", "t3", "t4", "t1", "t0"), ids(ranking.ranked()));
  }

  @Test
  void theReportListsTheCompletedTrialsInTheLeaderboardsOrder() throws IOException {
    List<StoredTrial> trials = sweep();
    for (String[] sets : List.of(new String[] {"objective.metric=val_loss"}, new String[] {},
        new String[] {"objective.metric=val_accuracy", "objective.direction=minimize"})) {
      RunManifest manifest = manifest(sets);
      ObjectiveSpec objective = manifest.objective();
      String metric = objective.metric().configName();
      List<StoredTrial> leaderboard = Leaderboard.rank(trials, metric, objective.direction()).stream()
          .filter(t -> t.status() == TrialStatus.COMPLETED && Double.isFinite(t.metric(metric))).toList();
      assertEquals(ids(leaderboard), ids(TrialRanking.of(trials, manifest).ranked()), String.join(" ", sets));
    }
  }

  @Test
  void tiesKeepTheLeaderboardsRuleTheSmallerTrialIdFirst() throws IOException {
    // Written t4 first: ties go by id, never by the order trials ended.
    List<StoredTrial> trials = sweep().stream()
        .map(t -> new StoredTrial(t.trialId(), t.status(), t.params(), Map.of("val_loss", 0.3), t.json()))
        .sorted(Comparator.comparing(StoredTrial::trialId).reversed()).toList();
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4"),
        ids(TrialRanking.of(trials, manifest("objective.metric=val_loss")).ranked()));
  }
}
