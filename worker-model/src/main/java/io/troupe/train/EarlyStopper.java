package io.troupe.train;

import io.troupe.config.EarlyStoppingSpec;
import io.troupe.config.Metric;
import io.troupe.model.Network;
import io.troupe.trial.EpochStats;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping on validation: after each epoch, compares the watched metric with the best so far
 * (an improvement must beat it by more than minDelta), keeps a copy of the best epoch's weights when
 * they are to be restored, and says when {@code patience} epochs have passed without one.
 */
final class EarlyStopper {
  private final EarlyStoppingSpec spec;
  private final Metric metric;
  private double best = Double.NaN;
  private int bestEpoch = -1;
  private int sinceBest;
  private INDArray bestParams;

  /** @param metric the metric watched: the spec's own, else the experiment's objective */
  EarlyStopper(EarlyStoppingSpec spec, Metric metric) {
    this.spec = spec;
    this.metric = spec.metric() != null ? spec.metric() : metric;
  }

  /** @return whether the trial should stop after this epoch */
  boolean afterEpoch(EpochStats stats, Network net) {
    double value = metric == Metric.VAL_ACCURACY ? stats.valAccuracy() : stats.valLoss();
    boolean higherIsBetter = metric == Metric.VAL_ACCURACY;
    boolean improved = Double.isFinite(value) && (Double.isNaN(best)
        || (higherIsBetter ? value > best + spec.minDelta() : value < best - spec.minDelta()));
    if (improved) {
      best = value;
      bestEpoch = stats.epoch();
      sinceBest = 0;
      if (spec.restoreBest()) {
        bestParams = net.params().dup();
      }
      return false;
    }
    return ++sinceBest >= spec.patience();
  }

  /**
   * Puts the best epoch's weights back (batch-norm statistics are among them in DL4J).
   *
   * @return the epoch restored, or -1 when the last epoch was the best or nothing is restored
   */
  int restoreBest(Network net, int lastEpoch) {
    if (!spec.restoreBest() || bestParams == null || bestEpoch == lastEpoch) {
      return -1;
    }
    net.setParams(bestParams);
    return bestEpoch;
  }

  Metric metric() {
    return metric;
  }

  /** The 1-based epoch with the best metric so far, or -1 before any. */
  int bestEpoch() {
    return bestEpoch;
  }
}
