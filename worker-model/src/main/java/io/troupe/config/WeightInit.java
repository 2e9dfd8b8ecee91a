package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/**
 * Weight initialisation, n_in being a layer's fan-in. ZERO and CONSTANT are degenerate (every
 * unit gets the same gradient) and kept to demonstrate exactly that.
 */
public enum WeightInit implements ConfigEnum {
  /** All weights 0. */
  ZERO,
  /** All weights model.initConstant. */
  CONSTANT,
  /** N(0, 0.01^2): small random weights. */
  SMALL_NORMAL,
  /** N(0, 1): the "standard normal" init whose sums saturate sigmoids (seed 001). */
  NORMAL,
  /** N(0, 1/n_in): variance-preserving for tanh-like units (LeCun). */
  LECUN,
  /** Glorot/Xavier: variance 2/(n_in + n_out). */
  XAVIER,
  /** Kaiming/He: N(0, 2/n_in), for ReLU units. */
  HE,
  /** Identity (ones on the diagonal of a rectangular matrix): the seeds' "weights near 1". */
  IDENTITY
}
