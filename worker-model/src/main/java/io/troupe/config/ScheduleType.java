package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Learning-rate schedule over epochs (fractional within an epoch). */
public enum ScheduleType implements ConfigEnum {
  CONSTANT, STEP, EXPONENTIAL, INVERSE, COSINE, CYCLIC_COSINE, PLATEAU;
}
