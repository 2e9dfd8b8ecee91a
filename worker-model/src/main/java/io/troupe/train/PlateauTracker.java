package io.troupe.train;

import io.troupe.config.TrainSpec;
import io.troupe.model.Network;

/**
 * Reduce-on-plateau (seed 001: "hold the learning rate constant until the validation accuracy gets
 * worse, then decrease it by some amount"): after {@code patience} epochs without a relative
 * improvement of the validation loss by {@code threshold}, multiply the rate by {@code factor},
 * never below {@code minLr}. It depends on validation results, so it lives in the loop, not in a
 * DL4J schedule. With {@code stopAtReduction} it is also seed 001's stop rule: once the rate is down
 * to lr0 / stopAtReduction, the trial is done.
 */
final class PlateauTracker {
  private final double factor;
  private final double threshold;
  private final int patience;
  private final double minLr;
  private final double stopBelow;
  private double lr;
  private double best = Double.POSITIVE_INFINITY;
  private int sinceBest;

  PlateauTracker(TrainSpec train) {
    this.factor = train.schedule().factor();
    this.threshold = train.schedule().threshold();
    this.patience = train.schedule().patience();
    this.minLr = train.schedule().minLr();
    this.lr = train.optimizer().lr();
    Double reduction = train.schedule().stopAtReduction();
    // A hair of slack: ten halvings of 0.1 land on 0.1/1024 up to rounding.
    this.stopBelow = reduction == null ? Double.NEGATIVE_INFINITY : lr / reduction * (1 + 1e-9);
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

  /** Whether the rate has come down to lr0 / stopAtReduction: seed 001's signal to stop. */
  boolean exhausted() {
    return lr <= stopBelow;
  }

  double learningRate() {
    return lr;
  }
}
