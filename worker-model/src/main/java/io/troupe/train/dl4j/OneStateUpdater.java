package io.troupe.train.dl4j;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A gradient updater with one state array the size of the parameters (a velocity, an accumulated
 * square), held as a VIEW of DL4J's updater state so it is saved and restored with the model.
 * Subclasses implement the step on {@link #state()}.
 */
public abstract class OneStateUpdater<T extends IUpdater> implements GradientUpdater<T> {
  private final T config;
  private final String stateKey;
  private INDArray state;
  private char gradientReshapeOrder;

  protected OneStateUpdater(T config, String stateKey) {
    this.config = Objects.requireNonNull(config, "config");
    this.stateKey = stateKey;
  }

  @Override
  public T getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    if (stateMap == null || stateMap.size() != 1 || !stateMap.containsKey(stateKey)) {
      throw new IllegalStateException("State map should contain only key [" + stateKey + "] but has "
          + (stateMap == null ? null : stateMap.keySet()));
    }
    this.state = stateMap.get(stateKey);
    if (initialize) {
      state.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Collections.singletonMap(stateKey, state);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (!viewArray.isRowVectorOrScalar()) {
      throw new IllegalArgumentException("Invalid input: expect row vector input");
    }
    if (initialize) {
      viewArray.assign(0);
    }
    // A reshaped view (not a copy) so updates land in DL4J's state array and get serialised.
    this.state = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
    if (state == null) {
      throw new IllegalStateException("Could not correctly reshape gradient view array");
    }
    this.gradientReshapeOrder = gradientOrder;
  }

  /** The state array; throws if DL4J has not handed one over yet. */
  protected INDArray state() {
    if (state == null) {
      throw new IllegalStateException("Updater has not been initialized with view state");
    }
    return state;
  }

  /** The order DL4J asked the state view to be reshaped in ('c' or 'f'). */
  public char getGradientReshapeOrder() {
    return gradientReshapeOrder;
  }
}
