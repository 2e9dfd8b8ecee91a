package io.troupe.config;

import io.troupe.config.binding.ConfigEnum;

/** An objective on the validation set; the test set never picks anything. */
public enum Metric implements ConfigEnum {
  VAL_ACCURACY(Direction.MAXIMIZE, true),
  VAL_LOSS(Direction.MINIMIZE, false),
  VAL_MSE(Direction.MINIMIZE, false);

  private final Direction naturalDirection;
  private final boolean classificationOnly;

  Metric(Direction naturalDirection, boolean classificationOnly) {
    this.naturalDirection = naturalDirection;
    this.classificationOnly = classificationOnly;
  }

  /** Written as in trials.jsonl: {@code val_accuracy}. */
  @Override
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public Direction naturalDirection() {
    return naturalDirection;
  }

  public boolean classificationOnly() {
    return classificationOnly;
  }
}
