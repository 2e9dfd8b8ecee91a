package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.Activation;
import io.troupe.config.OptimizerType;
import io.troupe.config.ScheduleType;
import io.troupe.config.WeightInit;
import io.troupe.config.binding.ConfigEnum;
import io.troupe.trial.EpochStats;
import io.troupe.trial.TrialResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every knob the seeds name builds a network that trains on synthetic data. */
class TrainerKnobsTest {
  @TempDir Path dir;

  private static double firstLoss(TrialResult r) {
    return r.info().metrics().get("initial_loss");
  }

  private static double lastTrainLoss(TrialResult r) {
    List<EpochStats> h = r.info().history();
    return h.get(h.size() - 1).trainLoss();
  }

  @ParameterizedTest
  @EnumSource(OptimizerType.class)
  void everyOptimiserLowersTheLoss(OptimizerType type) {
    double lr = switch (type) {
      case SGD, MOMENTUM, NESTEROV -> 0.05;
      case ADAGRAD -> 0.05;
      default -> 0.01;
    };
    TrialResult.Completed r = TrialFixture.completed(dir, "train.optimizer.type=" + type.configName(),
        "train.optimizer.lr=" + lr);
    assertTrue(lastTrainLoss(r) < 0.8 * firstLoss(r),
        type + ": loss " + firstLoss(r) + " -> " + lastTrainLoss(r));
    assertTrue(r.info().metrics().get("val_accuracy") > 0.7, type + ": " + r.info().metrics());
  }

  @ParameterizedTest
  @EnumSource(WeightInit.class)
  void everyInitialisationBuildsAndTrains(WeightInit init) {
    TrialResult.Completed r = TrialFixture.completed(dir, "model.init=" + init.configName(),
        "model.initConstant=0.1", "model.hidden=[16, 16]");
    assertEquals(3, r.info().history().size());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void everyActivationBuildsAndTrains(Activation activation) {
    TrialResult.Completed r = TrialFixture.completed(dir, "model.activation=" + activation.configName());
    assertTrue(lastTrainLoss(r) < firstLoss(r), activation + ": loss did not fall");
  }

  @ParameterizedTest
  @EnumSource(ScheduleType.class)
  void everyScheduleBuildsTrainsAndMovesTheRate(ScheduleType type) {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.schedule.type=" + ConfigEnum.nameOf(type),
        "train.epochs=6", "train.schedule.stepEpochs=2", "train.schedule.factor=0.5", "train.schedule.decay=0.5",
        "train.schedule.minLr=0.0001", "train.schedule.cycleEpochs=1.5", "train.schedule.patience=1",
        "train.schedule.threshold=0.5");
    double first = r.info().history().get(0).learningRate();
    double last = r.info().history().get(5).learningRate();
    if (type == ScheduleType.CONSTANT) {
      assertEquals(0.01, last, 1e-12);
    } else {
      // Every other schedule has lowered the rate by the last epoch (the plateau after patience 1).
      assertTrue(last < first || last < 0.01, type + ": lr " + first + " -> " + last);
    }
  }

  @Test
  void stepScheduleHalvesEveryTwoEpochs() {
    TrialResult.Completed r = TrialFixture.completed(dir, "train.schedule.type=step", "train.epochs=6",
        "train.schedule.stepEpochs=2", "train.schedule.factor=0.5");
    // The rate reported for an epoch is the one in force at its last iteration.
    double[] lr = r.info().history().stream().mapToDouble(EpochStats::learningRate).toArray();
    assertEquals(0.01, lr[0], 1e-9);
    assertEquals(0.005, lr[2], 1e-9);
    assertEquals(0.0025, lr[4], 1e-9);
  }

  @Test
  void regularisationAndGradientHandlingBuildAndTrain() {
    TrialFixture.completed(dir, "train.l1=1e-4", "train.l2=1e-3", "model.dropout=0.3", "model.batchNorm=true",
        "train.clip.mode=norm", "train.clip.threshold=1", "train.gradientNoise.eta=0.01");
    TrialFixture.completed(dir, "train.clip.mode=value", "train.clip.threshold=0.5", "model.activation=leaky-relu");
  }

  @Test
  void regressionTrainsAndReportsMse() {
    TrialResult.Completed r = TrialFixture.completed(dir, "data.task=regression", "ensemble.combiners=[average]",
        "model.activation=identity", "train.optimizer.lr=0.05");
    assertTrue(r.info().metrics().get("val_mse") < 0.5 * firstLoss(r), r.info().metrics().toString());
    assertTrue(!r.info().metrics().containsKey("val_accuracy"));
  }
}
