package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** How trials are proposed. NONE runs the config as one trial. */
public enum SearchStrategy implements ConfigEnum {
  NONE, GRID, RANDOM, COARSE_TO_FINE, ASHA, HYPERBAND, PBT, TPE;
}
