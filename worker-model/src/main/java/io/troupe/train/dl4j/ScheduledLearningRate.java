package io.troupe.train.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning-rate half every Troupe updater config shares: a fixed rate, or a schedule (then the
 * fixed rate is NaN, as in DL4J's own updaters). Subclasses add their constants, their state size
 * and their step; JSON sees the fields {@code learningRate} and {@code learningRateSchedule}.
 */
public abstract class ScheduledLearningRate implements IUpdater {
  private static final long serialVersionUID = 1L;

  // Not final: IUpdater.setLrAndSchedule mutates them (e.g. MultiLayerNetwork.setLearningRate).
  private double learningRate;
  private ISchedule learningRateSchedule;

  protected ScheduledLearningRate(double learningRate, ISchedule learningRateSchedule) {
    if (learningRateSchedule == null && !(learningRate >= 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException(
          "learningRate must be finite and >= 0 without a schedule, got " + learningRate);
    }
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
  }

  /** The fixed learning rate (NaN when a schedule is set). */
  public double getLearningRate() {
    return learningRate;
  }

  /** The learning-rate schedule, or null for a fixed rate. */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
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

  /** One state value per parameter. */
  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  /** A fresh step object for this configuration; DL4J then hands it its state. */
  protected abstract OneStateUpdater<?> newUpdater();

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initialize) {
    OneStateUpdater<?> u = newUpdater();
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
    OneStateUpdater<?> u = newUpdater();
    u.setState(state, initialize);
    return u;
  }

  protected ISchedule clonedSchedule() {
    return learningRateSchedule == null ? null : learningRateSchedule.clone();
  }

  // DL4J groups layers into one updater block only when their IUpdaters are equal, and
  // MultiLayerConfiguration.equals compares them, so equality must be by value.
  protected boolean sameRate(ScheduledLearningRate other) {
    return Double.compare(learningRate, other.learningRate) == 0
        && Objects.equals(learningRateSchedule, other.learningRateSchedule);
  }

  protected int rateHash() {
    return Objects.hash(learningRate, learningRateSchedule);
  }

  @Override
  public abstract ScheduledLearningRate clone();
}
