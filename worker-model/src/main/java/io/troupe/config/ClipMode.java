package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Gradient clipping: none, each element to [-t, t], or the whole gradient's L2 norm to t. */
public enum ClipMode implements ConfigEnum {
  NONE, VALUE, NORM;
}
