package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Hidden-layer non-linearity (identity gives the seeds' deep linear networks). */
public enum Activation implements ConfigEnum {
  SIGMOID, TANH, RELU, LEAKY_RELU, ELU, IDENTITY;
}
