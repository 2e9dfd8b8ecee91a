package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** How members' outputs are combined. VOTE breaks ties toward the lowest class index. */
public enum Combiner implements ConfigEnum {
  AVERAGE, VOTE, WEIGHTED_VOTE, PARAMETER_AVERAGE;
}
