package io.troupe.train;

import io.troupe.config.AveragingSpec;
import io.troupe.train.averaging.ExponentialAverage;
import io.troupe.train.averaging.RunningAverage;
import io.troupe.model.Network;

/**
 * The SWA and EMA averages a trial keeps beside its weights: one extra parameter copy each, so at
 * most 2x model storage. SWA adds the weights at the end of each epoch from swaStartEpoch on;
 * EMA updates every iteration.
 */
final class WeightAverages {
  private final Integer swaStartEpoch;
  private final RunningAverage swa;
  private final ExponentialAverage ema;

  WeightAverages(AveragingSpec spec) {
    this.swaStartEpoch = spec.swaStartEpoch();
    this.swa = spec.swaStartEpoch() == null ? null : new RunningAverage();
    this.ema = spec.emaDecay() == null ? null : new ExponentialAverage(spec.emaDecay());
  }

  void afterIteration(Network net) {
    if (ema != null) {
      ema.update(net.params());
    }
  }

  /** @param epoch 0-based epoch that just ended */
  void afterEpoch(Network net, int epoch) {
    if (swa != null && epoch >= swaStartEpoch) {
      swa.add(net.params());
    }
  }

  RunningAverage swa() {
    return swa != null && !swa.isEmpty() ? swa : null;
  }

  ExponentialAverage ema() {
    return ema != null && ema.updates() > 0 ? ema : null;
  }
}
