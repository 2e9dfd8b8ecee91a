package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Update rule. MOMENTUM is classical heavy-ball momentum; NESTEROV the look-ahead form. */
public enum OptimizerType implements ConfigEnum {
  SGD, MOMENTUM, NESTEROV, ADAGRAD, RMSPROP, ADAM;
}
