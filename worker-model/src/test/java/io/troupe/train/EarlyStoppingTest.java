package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping on validation: the trial stops {@code patience} epochs after its best one, and its
 * metrics and saved model are the best epoch's; without restoreBest they are the last epoch's.
 */
class EarlyStoppingTest {
  private static final String[] STOPPING = {"train.epochs=30", "train.earlyStopping.patience=2",
      "train.earlyStopping.metric=val_loss", "train.earlyStopping.minDelta=0.005"};

  @TempDir Path dir;

  private static String[] with(String... more) {
    String[] all = java.util.Arrays.copyOf(STOPPING, STOPPING.length + more.length);
    System.arraycopy(more, 0, all, STOPPING.length, more.length);
    return all;
  }

  private static EpochStats epoch(List<EpochStats> history, int epoch) {
    return history.stream().filter(e -> e.epoch() == epoch).findFirst().orElseThrow();
  }

  @Test
  void aTrialStopsPatienceEpochsAfterItsBestAndKeepsThatEpochsWeights() {
    TrialResult.Completed r = TrialFixture.completed(dir, STOPPING);
    List<EpochStats> history = r.info().history();
    Map<String, Double> m = r.info().metrics();
    assertTrue(history.size() < 30, "it stopped early: " + history.size() + " epochs");
    int stopped = (int) Math.round(m.get("stopped_epoch"));
    int best = (int) Math.round(m.get("best_epoch"));
    assertEquals(history.size(), stopped);
    assertEquals(best + 2, stopped, "two epochs without an improvement of more than 0.005");
    // The recorded figures are the best epoch's, measured again on the restored weights.
    assertEquals(epoch(history, best).valLoss(), m.get("val_loss"), 1e-5);
    assertEquals(epoch(history, best).valAccuracy(), m.get("val_accuracy"), 1e-9);
    assertEquals(epoch(history, best).trainLoss(), m.get("train_loss"), 1e-12);
    for (EpochStats e : history.subList(best, history.size())) {
      assertTrue(e.valLoss() > epoch(history, best).valLoss() - 0.005, "no later epoch improved enough: " + e);
    }
  }

  @Test
  void withoutRestoreBestTheLastEpochStands() {
    TrialResult.Completed r = TrialFixture.completed(dir, with("train.earlyStopping.restoreBest=false"));
    List<EpochStats> history = r.info().history();
    EpochStats last = history.get(history.size() - 1);
    assertTrue(history.size() < 30);
    assertEquals(last.valLoss(), r.info().metrics().get("val_loss"), 1e-5);
  }

  @Test
  void withoutPatienceEveryEpochRuns() {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.epochs=4");
    assertEquals(4, r.info().history().size());
    assertFalse(r.info().metrics().containsKey("stopped_epoch") || r.info().metrics().containsKey("best_epoch"));
  }

  @Test
  void earlyStoppingWithoutAValidationPartIsAConfigError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TrialFixture.spec(with("data.validation=0")));
    assertTrue(e.getMessage().contains("train.earlyStopping") && e.getMessage().contains("data.validation"),
        e.getMessage());
  }

  @Test
  void seed001sPlateauRuleStopsOnceTheRateIsDownToItsFraction() {
    // Nothing after the first epoch counts as a 99% improvement, so every epoch halves the rate: 0.01 down to
    // 0.01 / 8 takes three halvings, after epochs 2, 3 and 4.
    TrialResult.Completed r = TrialFixture.completed(dir, "train.epochs=30", "train.optimizer.lr=0.01",
        "train.schedule.type=plateau", "train.schedule.factor=0.5", "train.schedule.patience=1",
        "train.schedule.threshold=0.99", "train.schedule.stopAtReduction=8");
    double[] lr = r.info().history().stream().mapToDouble(EpochStats::learningRate).toArray();
    assertEquals(4, lr.length, "stopped once the rate reached lr0 / 8");
    assertEquals(0.01, lr[1], 1e-12);
    assertEquals(0.0025, lr[3], 1e-12);
    assertEquals(4.0, r.info().metrics().get("stopped_epoch"));
  }

  @Test
  void thePlateauStopRuleNeedsThePlateauScheduleAndAFloorBelowIt() {
    InvalidInputException other = assertThrows(InvalidInputException.class,
        () -> TrialFixture.spec("train.schedule.type=cosine", "train.schedule.stopAtReduction=1024"));
    assertTrue(other.getMessage().contains("train.schedule.stopAtReduction") && other.getMessage().contains("plateau"),
        other.getMessage());
    InvalidInputException floor = assertThrows(InvalidInputException.class,
        () -> TrialFixture.spec("train.optimizer.lr=0.1", "train.schedule.type=plateau", "train.schedule.minLr=0.01",
            "train.schedule.stopAtReduction=1024"));
    assertTrue(floor.getMessage().contains("train.schedule.minLr"), floor.getMessage());
  }
}
