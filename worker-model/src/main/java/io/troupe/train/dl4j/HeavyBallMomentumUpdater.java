package io.troupe.train.dl4j;

/**
 * The step of {@link HeavyBallMomentum}: the velocity {@code v} (state key {@value #V_STATE}, in
 * gradient units) becomes {@code beta * v + g}, and the gradient is replaced in place by
 * {@code lr_t * v}, which DL4J then subtracts from the parameters.
 */
public final class HeavyBallMomentumUpdater extends OneStateUpdater<HeavyBallMomentum> {
  /** State key of the velocity, as in DL4J's NesterovsUpdater. */
  public static final String V_STATE = "V";

  /** An updater for {@code config}; call setStateViewArray or setState before use. */
  public HeavyBallMomentumUpdater(HeavyBallMomentum config) {
    super(config, V_STATE);
  }

  /** v = beta * v + g, then g := lr_t * v (in place; DL4J subtracts g from the parameters). */
  @Override
  public void applyUpdater(org.nd4j.linalg.api.ndarray.INDArray gradient, int iteration, int epoch) {
    double lr = getConfig().getLearningRate(iteration, epoch);
    state().muli(getConfig().getMomentum()).addi(gradient);
    gradient.assign(state()).muli(lr);
  }
}
