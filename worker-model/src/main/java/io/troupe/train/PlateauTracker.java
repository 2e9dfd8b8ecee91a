package io.troupe.train;

import io.troupe.config.TrainSpec;
import io.troupe.model.Network;

/**
 * Reduce-on-plateau (seed 001: "hold the learning rate constant until the validation accuracy gets
 * worse, then decrease it by some amount"): after {@code patience} epochs without a relative
 * improvement of the validation loss by {@code threshold}, multiply the rate by {@code factor},
 * never below {@code minLr}. It depends on validation results, so it lives in the loop, not in a
 * DL4J schedule.
 */
final class PlateauTracker {
  private final double factor;
  private final double threshold;
  private final int patience;
  private final double minLr;
  private double lr;
  private double best = Double.POSITIVE_INFINITY;
  private int sinceBest;

  PlateauTracker(TrainSpec train) {
    this.factor = train.schedule().factor();
    this.threshold = train.schedule().threshold();
    this.patience = train.schedule().patience();
    this.minLr = train.schedule().minLr();
    this.lr = train.optimizer().lr();
  }

  void afterEpoch(double valLoss, Network net) {
    if (valLoss < best * (1 - threshold)) {
      best = valLoss;
      sinceBest = 0;
      return;
    }
    if (++sinceBest >= patience && lr > minLr) {
      lr = Math.max(minLr, lr * factor);
      net.setLearningRate(lr);
      sinceBest = 0;
    }
  }

  double learningRate() {
    return lr;
  }
}
