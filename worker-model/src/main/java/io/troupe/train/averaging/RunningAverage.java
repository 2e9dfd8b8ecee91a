package io.troupe.train.averaging;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic weight averaging (SWA): the equal-weight mean of every parameter array passed to
 * {@link #add}, typically once per epoch from some epoch on. Holds exactly one array, the
 * running mean, updated in place; the caller's arrays are copied, never kept.
 *
 * <p>Not thread-safe: call from the training thread.
 */
public final class RunningAverage {
  private INDArray average; // null until the first add
  private int count;

  /**
   * Adds one parameter array (any shape; every call must have the same shape and data type).
   * The first call copies it; later calls do avg += (params - avg) / (n + 1) in place.
   */
  public void add(INDArray params) {
    HeldCopy.requireCompatible(average, params);
    if (average == null) {
      average = HeldCopy.detachedCopy(params);
    } else {
      // avg + (p - avg)/(n+1) rewritten as (avg - p) * n/(n+1) + p: three in-place ops, no
      // temporary array the size of the model.
      average.subi(params).muli((double) count / (count + 1)).addi(params);
    }
    count++;
  }

  /** Number of arrays added so far. */
  public int count() {
    return count;
  }

  /** True until the first {@link #add}. */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * A copy of the current mean (a new array each call, safe to keep and modify).
   *
   * @throws IllegalStateException if nothing was added yet
   */
  public INDArray average() {
    if (average == null) {
      throw new IllegalStateException("the running average is empty: nothing was added yet");
    }
    return HeldCopy.detachedCopy(average);
  }

  /** The one array this average holds; for tests of the memory contract. */
  INDArray held() {
    return average;
  }
}
