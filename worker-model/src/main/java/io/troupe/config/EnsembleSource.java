package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** Where the ensemble command's members come from. */
public enum EnsembleSource implements ConfigEnum {
  /** Members trained for the ensemble, one strategy at a time. */
  MEMBERS,
  /** The finished trials of the sweep run in the same directory: no training (ensemble --from-sweep). */
  SWEEP;
}
