package io.troupe.train;

import io.troupe.config.DivergenceSpec;
import io.troupe.trial.DivergencePoint;
import java.util.Optional;

/**
 * Seed 002's explosion check: "if the cost is ever > 3x original cost, break out early". The
 * original cost is the loss of the first mini-batch, before any update. NaN and infinity count
 * as divergence even when the guard is otherwise disabled: nothing useful follows them.
 */
public final class DivergenceGuard {
  private final DivergenceSpec spec;
  private double initialLoss = Double.NaN;

  public DivergenceGuard(DivergenceSpec spec) {
    this.spec = spec;
  }

  /** Checks one mini-batch loss; returns where and why the trial diverged, if it did. */
  public Optional<DivergencePoint> check(double loss, int epoch, long iteration) {
    if (!Double.isFinite(loss)) {
      return Optional.of(new DivergencePoint(epoch, iteration, loss, initialLoss, "loss is " + loss));
    }
    if (Double.isNaN(initialLoss)) {
      initialLoss = loss;
      return Optional.empty();
    }
    double limit = spec.lossFactor() * initialLoss;
    if (spec.enabled() && loss > limit) {
      return Optional.of(new DivergencePoint(epoch, iteration, loss, initialLoss,
          String.format("loss %.4g > %.4g x initial loss %.4g", loss, spec.lossFactor(), initialLoss)));
    }
    return Optional.empty();
  }

  public double initialLoss() {
    return initialLoss;
  }
}
