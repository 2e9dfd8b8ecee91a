package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** How ensemble members are produced (see the ensembles section of the README). */
public enum EnsembleStrategy implements ConfigEnum {
  SINGLE, TRUE, BAGGING, SHARDS, SHARDS_SHARED_INIT, SNAPSHOTS, SNAPSHOTS_CONTROL, SWA, EMA, INDEPENDENT_AVERAGE, SOUP;
}
