package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/**
 * When a trial captures parameter snapshots: never, at the end of each cosine cycle, every k
 * iterations, or a fixed count spread evenly over the end of training.
 */
public enum SnapshotMode implements ConfigEnum {
  NONE, CYCLE_ENDS, EVERY_ITERATIONS, EVENLY;
}
