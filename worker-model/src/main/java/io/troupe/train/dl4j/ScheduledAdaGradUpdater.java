package io.troupe.train.dl4j;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state and step of {@link ScheduledAdaGrad}: the accumulated squared gradient {@code G} (state
 * key {@value #V_STATE}, as in DL4J's AdaGradUpdater) lives in a view of DL4J's updater state array,
 * so it is saved and restored with the model. {@link #applyUpdater} replaces the gradient in place
 * by {@code lr_t * g / (sqrt(G) + epsilon)}, which DL4J then subtracts from the parameters.
 */
public final class ScheduledAdaGradUpdater implements GradientUpdater<ScheduledAdaGrad> {
  /** State key of the accumulated squared gradient, as in DL4J's AdaGradUpdater. */
  public static final String V_STATE = "grad";

  private final ScheduledAdaGrad config;
  private INDArray v;
  private char gradientReshapeOrder;

  /** An updater for {@code config}; call setStateViewArray or setState before use. */
  public ScheduledAdaGradUpdater(ScheduledAdaGrad config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public ScheduledAdaGrad getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    if (stateMap == null || stateMap.size() != 1 || !stateMap.containsKey(V_STATE)) {
      throw new IllegalStateException("State map should contain only key [" + V_STATE + "] but has "
          + (stateMap == null ? null : stateMap.keySet()));
    }
    this.v = stateMap.get(V_STATE);
    if (initialize) {
      v.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Collections.singletonMap(V_STATE, v);
  }

  @Override
  public void setStateViewArray(
      INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (!viewArray.isRowVectorOrScalar()) {
      throw new IllegalArgumentException("Invalid input: expect row vector input");
    }
    if (initialize) {
      viewArray.assign(0);
    }
    // A reshaped view (not a copy) so updates land in DL4J's state array and get serialised.
    this.v = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
    if (v == null) {
      throw new IllegalStateException("Could not correctly reshape gradient view array");
    }
    this.gradientReshapeOrder = gradientOrder;
  }

  /** G += g^2, then g := lr_t * g / (sqrt(G) + epsilon) (in place; DL4J subtracts g). */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (v == null) {
      throw new IllegalStateException("Updater has not been initialized with view state");
    }
    double lr = config.getLearningRate(iteration, epoch);
    v.addi(gradient.mul(gradient));
    INDArray denominator = org.nd4j.linalg.ops.transforms.Transforms.sqrt(v, true).addi(config.getEpsilon());
    gradient.divi(denominator).muli(lr);
  }

  /** The order DL4J asked the state view to be reshaped in ('c' or 'f'). */
  public char getGradientReshapeOrder() {
    return gradientReshapeOrder;
  }
}
