package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Network family: a multilayer perceptron or a small convolutional network. */
public enum ModelType implements ConfigEnum {
  MLP, CNN;
}
