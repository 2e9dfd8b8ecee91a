package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Whether a larger or a smaller objective is better. */
public enum Direction implements ConfigEnum {
  MAXIMIZE, MINIMIZE;
}
