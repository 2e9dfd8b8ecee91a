package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** How repeats of one configuration (search.repeats) are ranked. */
public enum RepeatRanking implements ConfigEnum {
  /** A configuration ranks by the mean of its repeats' objectives; its trials follow it. */
  MEAN,
  /** Every trial ranks on its own objective, as if its configuration had run once. */
  EACH;
}
