package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Where one trial trains: in one task, or across executors by parameter averaging. */
public enum DistributedMode implements ConfigEnum {
  NONE, DATA_PARALLEL;
}
