package io.troupe.train.dl4j;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state and step of {@link HeavyBallMomentum}: the velocity {@code v} (one value per parameter,
 * in gradient units, state key {@value #V_STATE}) lives in a view of DL4J's updater state array,
 * so it is saved and restored with the model. {@link #applyUpdater} replaces the gradient in place
 * by {@code lr_t * v_t}, which DL4J then subtracts from the parameters.
 */
public final class HeavyBallMomentumUpdater implements GradientUpdater<HeavyBallMomentum> {
  /** State key of the velocity, as in DL4J's NesterovsUpdater. */
  public static final String V_STATE = "V";

  private final HeavyBallMomentum config;
  private INDArray v;
  private char gradientReshapeOrder;

  /** An updater for {@code config}; call setStateViewArray or setState before use. */
  public HeavyBallMomentumUpdater(HeavyBallMomentum config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public HeavyBallMomentum getConfig() {
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

  /** v = beta * v + g, then g := lr_t * v (in place; DL4J subtracts g from the parameters). */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (v == null) {
      throw new IllegalStateException("Updater has not been initialized with view state");
    }
    double lr = config.getLearningRate(iteration, epoch);
    v.muli(config.getMomentum()).addi(gradient);
    gradient.assign(v).muli(lr);
  }

  /** The order DL4J asked the velocity view to be reshaped in ('c' or 'f'). */
  public char getGradientReshapeOrder() {
    return gradientReshapeOrder;
  }
}
