package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** When a trial captures parameter snapshots: never, at the end of each cosine cycle, or every k iterations. */
public enum SnapshotMode implements ConfigEnum {
  NONE, CYCLE_ENDS, EVERY_ITERATIONS;
}
