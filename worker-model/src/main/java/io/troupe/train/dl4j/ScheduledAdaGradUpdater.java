package io.troupe.train.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The step of {@link ScheduledAdaGrad}: the accumulated squared gradient {@code G} (state key
 * {@value #G_STATE}, as in DL4J's AdaGradUpdater) grows by {@code g^2}, and the gradient is replaced
 * in place by {@code lr_t * g / (sqrt(G) + epsilon)}, which DL4J then subtracts.
 */
public final class ScheduledAdaGradUpdater extends OneStateUpdater<ScheduledAdaGrad> {
  /** State key of the accumulated squared gradient, as in DL4J's AdaGradUpdater. */
  public static final String G_STATE = "grad";

  public ScheduledAdaGradUpdater(ScheduledAdaGrad config) {
    super(config, G_STATE);
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    double lr = getConfig().getLearningRate(iteration, epoch);
    INDArray accumulated = state().addi(gradient.mul(gradient));
    gradient.divi(Transforms.sqrt(accumulated, true).addi(getConfig().getEpsilon())).muli(lr);
  }
}
