package io.troupe.train.averaging;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exponential moving average (EMA) of parameters, typically updated every iteration:
 * ema = decay x ema + (1 - decay) x params, starting from a copy of the first array (no bias
 * correction). Holds exactly one array, updated in place; the caller's arrays are copied,
 * never kept. With decay d an update's weight halves every ln 2 / -ln d updates (d = 0.999:
 * about 693).
 *
 * <p>Not thread-safe: call from the training thread.
 */
public final class ExponentialAverage {
  private final double decay;
  private INDArray average; // null until the first update
  private long updates;

  /**
   * @param decay weight kept by the old average at each update, strictly between 0 and 1
   * @throws IllegalArgumentException otherwise (the config path is train.averaging.emaDecay)
   */
  public ExponentialAverage(double decay) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException(
          "EMA decay (train.averaging.emaDecay) must be in (0, 1), got " + decay);
    }
    this.decay = decay;
  }

  /** The decay this average was made with. */
  public double decay() {
    return decay;
  }

  /**
   * Folds in one parameter array (any shape; every call must have the same shape and data
   * type). The first call copies it.
   */
  public void update(INDArray params) {
    HeldCopy.requireCompatible(average, params);
    if (average == null) {
      average = HeldCopy.detachedCopy(params);
    } else {
      // decay*ema + (1-decay)*p rewritten as (ema - p)*decay + p: in place, no temporary.
      average.subi(params).muli(decay).addi(params);
    }
    updates++;
  }

  /** Number of {@link #update} calls so far. */
  public long updates() {
    return updates;
  }

  /** True until the first {@link #update}. */
  public boolean isEmpty() {
    return updates == 0;
  }

  /**
   * A copy of the current average (a new array each call, safe to keep and modify).
   *
   * @throws IllegalStateException if there was no update yet
   */
  public INDArray average() {
    if (average == null) {
      throw new IllegalStateException("the exponential average is empty: no update yet");
    }
    return HeldCopy.detachedCopy(average);
  }

  /** The one array this average holds; for tests of the memory contract. */
  INDArray held() {
    return average;
  }
}
