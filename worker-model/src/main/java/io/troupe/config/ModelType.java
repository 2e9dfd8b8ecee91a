package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/**
 * Where the network comes from: Troupe's own multilayer perceptron or small convolutional network,
 * the user's factory class, a DL4J configuration JSON used as a template, or a saved DL4J model
 * whose weights are the starting point.
 */
public enum ModelType implements ConfigEnum {
  MLP, CNN, FACTORY, DL4J_JSON, DL4J_ZIP;

  /** Troupe builds these itself from model.hidden, model.conv and the other model fields. */
  public boolean isBuiltIn() {
    return this == MLP || this == CNN;
  }
}
