package io.troupe.train;

import io.troupe.config.OptimizerSpec;
import io.troupe.config.ScheduleSpec;
import io.troupe.config.TrainSpec;
import io.troupe.train.dl4j.EpochSchedule;
import io.troupe.train.dl4j.HeavyBallMomentum;
import io.troupe.train.dl4j.ScheduledAdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The update rule with its learning-rate schedule, from the config. Every schedule is an
 * {@link EpochSchedule} over fractional epochs, except plateau, which starts constant and is
 * lowered by {@link PlateauTracker} from validation results.
 */
final class LearningRates {
  private final EpochSchedule schedule;
  private final IUpdater updater;

  private LearningRates(EpochSchedule schedule, IUpdater updater) {
    this.schedule = schedule;
    this.updater = updater;
  }

  static LearningRates of(TrainSpec train, int iterationsPerEpoch) {
    EpochSchedule schedule = schedule(train.schedule(), train.optimizer().lr(), iterationsPerEpoch, train.epochs());
    return new LearningRates(schedule, updater(train.optimizer(), schedule));
  }

  static EpochSchedule schedule(ScheduleSpec s, double lr, int iterationsPerEpoch, int epochs) {
    return switch (s.type()) {
      case CONSTANT, PLATEAU -> EpochSchedule.constant(lr, iterationsPerEpoch);
      case STEP -> EpochSchedule.step(lr, iterationsPerEpoch, s.stepEpochs(), s.factor());
      case EXPONENTIAL -> EpochSchedule.exponential(lr, iterationsPerEpoch, s.decay());
      case INVERSE -> EpochSchedule.inverse(lr, iterationsPerEpoch, s.decay());
      case COSINE -> EpochSchedule.cosine(lr, s.minLr(), iterationsPerEpoch, epochs);
      case CYCLIC_COSINE -> cyclicCosine(s, lr, iterationsPerEpoch, epochs);
    };
  }

  /**
   * With {@code cycles} set, the cycle length is a whole number of iterations and the cycles are
   * placed so the last one ends at the final iteration: every cycle then yields a snapshot. The
   * few iterations that do not fill a cycle (fewer than {@code cycles}) extend the constant
   * phase before cycling starts.
   */
  private static EpochSchedule cyclicCosine(ScheduleSpec s, double lr, int iterationsPerEpoch, int epochs) {
    if (s.cycles() == null) {
      return EpochSchedule.cyclicCosine(lr, s.minLr(), iterationsPerEpoch, s.cycleEpochs(), s.cycleStartEpoch());
    }
    long total = (long) epochs * iterationsPerEpoch;
    long start = Math.round(s.cycleStartEpoch() * iterationsPerEpoch);
    long perCycle = Math.max(1, (total - start) / s.cycles());
    long shiftedStart = Math.max(0, total - perCycle * s.cycles());
    return EpochSchedule.cyclicCosine(lr, s.minLr(), iterationsPerEpoch, (double) perCycle / iterationsPerEpoch,
        (double) shiftedStart / iterationsPerEpoch);
  }

  static IUpdater updater(OptimizerSpec o, EpochSchedule schedule) {
    return switch (o.type()) {
      case SGD -> new Sgd(schedule);
      case MOMENTUM -> new HeavyBallMomentum(schedule, o.momentum());
      case NESTEROV -> new Nesterovs(schedule, o.momentum());
      case ADAGRAD -> new ScheduledAdaGrad(schedule, o.epsilon()); // DL4J's AdaGrad breaks with schedules
      case RMSPROP -> {
        RmsProp rms = new RmsProp(schedule);
        rms.setRmsDecay(o.rmsDecay());
        rms.setEpsilon(o.epsilon());
        yield rms;
      }
      case ADAM -> {
        Adam adam = new Adam(schedule);
        adam.setBeta1(o.beta1());
        adam.setBeta2(o.beta2());
        adam.setEpsilon(o.epsilon());
        yield adam;
      }
    };
  }

  IUpdater updater() {
    return updater;
  }

  EpochSchedule epochSchedule() {
    return schedule;
  }

  /** The scheduled rate for a 0-based iteration (before any plateau decay). */
  double valueAt(long iteration) {
    return schedule.valueAt(iteration);
  }
}
