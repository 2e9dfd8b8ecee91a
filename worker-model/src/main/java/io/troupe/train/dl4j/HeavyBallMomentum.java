package io.troupe.train.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Classical (heavy-ball, Polyak) momentum as a DL4J updater configuration:
 * {@code v_t = beta * v_{t-1} + g_t}, and DL4J subtracts {@code lr_t * v_t} from the parameters.
 * DL4J's own {@link org.nd4j.linalg.learning.config.Nesterovs} is the look-ahead form, which is a
 * different algorithm. {@code lr_t} is {@code learningRate} (parameter units per gradient unit),
 * or {@code learningRateSchedule.valueAt(iteration, epoch)} when a schedule is set.
 *
 * <p>JSON: the fields ({@code learningRate}, {@code learningRateSchedule}, {@code momentum}) are
 * written with an {@code @class} tag, so this survives config JSON and {@code ModelSerializer}.
 */
public final class HeavyBallMomentum extends ScheduledLearningRate {
  private static final long serialVersionUID = 1L;

  private final double momentum;

  /** Fixed learning rate {@code learningRate} and momentum coefficient {@code beta} in [0, 1). */
  public HeavyBallMomentum(double learningRate, double beta) {
    this(learningRate, null, beta);
  }

  /** Scheduled learning rate; like DL4J's Nesterovs the fixed rate is then NaN (unused). */
  public HeavyBallMomentum(ISchedule learningRateSchedule, double beta) {
    this(Double.NaN, Objects.requireNonNull(learningRateSchedule, "learningRateSchedule"), beta);
  }

  @JsonCreator
  private HeavyBallMomentum(
      @JsonProperty("learningRate") double learningRate,
      @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
      @JsonProperty("momentum") double momentum) {
    super(learningRate, learningRateSchedule);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
  }

  /** The momentum coefficient beta. */
  public double getMomentum() {
    return momentum;
  }

  @Override
  protected HeavyBallMomentumUpdater newUpdater() {
    return new HeavyBallMomentumUpdater(this);
  }

  @Override
  public HeavyBallMomentum clone() {
    return new HeavyBallMomentum(getLearningRate(), clonedSchedule(), momentum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeavyBallMomentum h && sameRate(h) && Double.compare(momentum, h.momentum) == 0;
  }

  @Override
  public int hashCode() {
    return rateHash() * 31 + Double.hashCode(momentum);
  }

  @Override
  public String toString() {
    return "HeavyBallMomentum(learningRate=" + getLearningRate() + ", learningRateSchedule="
        + getLearningRateSchedule() + ", momentum=" + momentum + ")";
  }
}
