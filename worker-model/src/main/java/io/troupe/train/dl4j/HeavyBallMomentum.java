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
 * Classical (heavy-ball, Polyak) momentum as a DL4J updater configuration:
 * {@code v_t = beta * v_{t-1} + g_t}, and DL4J subtracts {@code lr_t * v_t} from the parameters.
 * DL4J's own {@link org.nd4j.linalg.learning.config.Nesterovs} is the look-ahead form, which is a
 * different algorithm. {@code lr_t} is {@code learningRate} (parameter units per gradient unit),
 * or {@code learningRateSchedule.valueAt(iteration, epoch)} when a schedule is set.
 *
 * <p>JSON: {@link IUpdater} makes Jackson serialise fields ({@code learningRate},
 * {@code learningRateSchedule}, {@code momentum}) with an {@code @class} tag, so this survives
 * {@code MultiLayerConfiguration.toJson()/fromJson()} and {@code ModelSerializer}.
 */
public final class HeavyBallMomentum implements IUpdater {
  private static final long serialVersionUID = 1L;

  // Not final: IUpdater.setLrAndSchedule mutates them (e.g. MultiLayerNetwork.setLearningRate).
  private double learningRate;
  private ISchedule learningRateSchedule;
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
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (learningRateSchedule == null && !(learningRate >= 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be finite and >= 0 without a schedule, got " + learningRate);
    }
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.momentum = momentum;
  }

  /** The fixed learning rate (NaN when a schedule is set). */
  public double getLearningRate() {
    return learningRate;
  }

  /** The learning-rate schedule, or null for a fixed rate. */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** The momentum coefficient beta. */
  public double getMomentum() {
    return momentum;
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

  /** One velocity value per parameter. */
  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater<HeavyBallMomentum> instantiate(INDArray viewArray, boolean initialize) {
    HeavyBallMomentumUpdater u = new HeavyBallMomentumUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
    return u;
  }

  @Override
  public GradientUpdater<HeavyBallMomentum> instantiate(
      Map<String, INDArray> state, boolean initialize) {
    HeavyBallMomentumUpdater u = new HeavyBallMomentumUpdater(this);
    u.setState(state, initialize);
    return u;
  }

  @Override
  public HeavyBallMomentum clone() {
    ISchedule s = learningRateSchedule == null ? null : learningRateSchedule.clone();
    return new HeavyBallMomentum(learningRate, s, momentum);
  }

  // DL4J groups layers into one updater block only when their IUpdaters are equal, and
  // MultiLayerConfiguration.equals compares them, so equality must be by value.
  @Override
  public boolean equals(Object o) {
    return o instanceof HeavyBallMomentum h
        && Double.compare(learningRate, h.learningRate) == 0
        && Double.compare(momentum, h.momentum) == 0
        && Objects.equals(learningRateSchedule, h.learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, momentum);
  }

  @Override
  public String toString() {
    return "HeavyBallMomentum(learningRate=" + learningRate + ", learningRateSchedule="
        + learningRateSchedule + ", momentum=" + momentum + ")";
  }
}
