package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Where examples come from; see docs/configuration.md for each source's block. */
public enum DataSource implements ConfigEnum {
  FASHION_MNIST, IDX, CSV, LIBSVM, SPARK, SYNTHETIC;
}
