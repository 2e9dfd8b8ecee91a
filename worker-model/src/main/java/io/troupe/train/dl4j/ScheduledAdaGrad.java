package io.troupe.train.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * AdaGrad (Duchi et al.) as a DL4J updater configuration: {@code G_t = G_{t-1} + g_t^2}, and DL4J
 * subtracts {@code lr_t * g_t / (sqrt(G_t) + epsilon)} from the parameters. It exists because DL4J
 * M2.1's own AdaGrad turns the loss into NaN from its second step whenever its learning rate is a
 * schedule (even DL4J's MapSchedule); with a fixed rate it is fine, but Troupe always schedules.
 *
 * <p>JSON: the fields ({@code learningRate}, {@code learningRateSchedule}, {@code epsilon}) are
 * written with an {@code @class} tag, so this survives config JSON and {@code ModelSerializer}.
 */
public final class ScheduledAdaGrad extends ScheduledLearningRate {
  private static final long serialVersionUID = 1L;

  private final double epsilon;

  /** Fixed learning rate and the denominator's {@code epsilon} (> 0). */
  public ScheduledAdaGrad(double learningRate, double epsilon) {
    this(learningRate, null, epsilon);
  }

  /** Scheduled learning rate; the fixed rate is then NaN (unused). */
  public ScheduledAdaGrad(ISchedule learningRateSchedule, double epsilon) {
    this(Double.NaN, Objects.requireNonNull(learningRateSchedule, "learningRateSchedule"), epsilon);
  }

  @JsonCreator
  private ScheduledAdaGrad(
      @JsonProperty("learningRate") double learningRate,
      @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
      @JsonProperty("epsilon") double epsilon) {
    super(learningRate, learningRateSchedule);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    this.epsilon = epsilon;
  }

  /** The denominator's epsilon. */
  public double getEpsilon() {
    return epsilon;
  }

  @Override
  protected ScheduledAdaGradUpdater newUpdater() {
    return new ScheduledAdaGradUpdater(this);
  }

  @Override
  public ScheduledAdaGrad clone() {
    return new ScheduledAdaGrad(getLearningRate(), clonedSchedule(), epsilon);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduledAdaGrad a && sameRate(a) && Double.compare(epsilon, a.epsilon) == 0;
  }

  @Override
  public int hashCode() {
    return rateHash() * 31 + Double.hashCode(epsilon);
  }

  @Override
  public String toString() {
    return "ScheduledAdaGrad(learningRate=" + getLearningRate() + ", learningRateSchedule="
        + getLearningRateSchedule() + ", epsilon=" + epsilon + ")";
  }
}
