package io.troupe.train.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * AdaGrad (Duchi et al.) as a DL4J updater configuration: {@code G_t = G_{t-1} + g_t^2}, and DL4J
 * subtracts {@code lr_t * g_t / (sqrt(G_t) + epsilon)} from the parameters. It exists because DL4J
 * M2.1's own AdaGrad turns the loss into NaN from its second step whenever its learning rate is a
 * schedule (even DL4J's MapSchedule); with a fixed rate it is fine, but Troupe always schedules.
 *
 * <p>JSON: fields ({@code learningRate}, {@code learningRateSchedule}, {@code epsilon}) are
 * serialised with an {@code @class} tag, so this survives config JSON and {@code ModelSerializer}.
 */
public final class ScheduledAdaGrad implements IUpdater {
  private static final long serialVersionUID = 1L;

  // Not final: IUpdater.setLrAndSchedule mutates them (e.g. MultiLayerNetwork.setLearningRate).
  private double learningRate;
  private ISchedule learningRateSchedule;
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
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    if (learningRateSchedule == null && !(learningRate >= 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be finite and >= 0 without a schedule, got " + learningRate);
    }
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.epsilon = epsilon;
  }

  /** The fixed learning rate (NaN when a schedule is set). */
  public double getLearningRate() {
    return learningRate;
  }

  /** The learning-rate schedule, or null for a fixed rate. */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** The denominator's epsilon. */
  public double getEpsilon() {
    return epsilon;
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule != null
        ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.learningRateSchedule = lrSchedule;
  }

  /** One accumulated squared gradient per parameter. */
  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater<ScheduledAdaGrad> instantiate(INDArray viewArray, boolean initialize) {
    ScheduledAdaGradUpdater u = new ScheduledAdaGradUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
    return u;
  }

  @Override
  public GradientUpdater<ScheduledAdaGrad> instantiate(
      Map<String, INDArray> state, boolean initialize) {
    ScheduledAdaGradUpdater u = new ScheduledAdaGradUpdater(this);
    u.setState(state, initialize);
    return u;
  }

  @Override
  public ScheduledAdaGrad clone() {
    ISchedule s = learningRateSchedule == null ? null : learningRateSchedule.clone();
    return new ScheduledAdaGrad(learningRate, s, epsilon);
  }

  // DL4J groups layers into one updater block only when their IUpdaters are equal, and
  // MultiLayerConfiguration.equals compares them, so equality must be by value.
  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduledAdaGrad h
        && Double.compare(learningRate, h.learningRate) == 0
        && Double.compare(epsilon, h.epsilon) == 0
        && Objects.equals(learningRateSchedule, h.learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, epsilon);
  }

  @Override
  public String toString() {
    return "ScheduledAdaGrad(learningRate=" + learningRate + ", learningRateSchedule="
        + learningRateSchedule + ", epsilon=" + epsilon + ")";
  }
}
