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
  private final double referenceFloor;

  public DivergenceGuard(DivergenceSpec spec) {
    this(spec, Double.NaN, 0);
  }

  /**
   * A guard for a run that continues from a checkpoint: its reference stays the original run's
   * first loss, not the (much lower) first loss after the checkpoint, which ordinary noise would
   * soon exceed three times over. NaN falls back to the first loss seen.
   */
  public DivergenceGuard(DivergenceSpec spec, double initialLoss) {
    this(spec, initialLoss, 0);
  }

  /**
   * @param referenceFloor the least reference loss: a network fine-tuned from saved weights starts
   *     far below chance, so its limit is measured from the chance-level loss instead
   */
  public DivergenceGuard(DivergenceSpec spec, double initialLoss, double referenceFloor) {
    this.spec = spec;
    this.initialLoss = initialLoss;
    this.referenceFloor = referenceFloor;
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
    double reference = Math.max(initialLoss, referenceFloor);
    double limit = spec.lossFactor() * reference;
    if (spec.enabled() && loss > limit) {
      return Optional.of(new DivergencePoint(epoch, iteration, loss, initialLoss, reference > initialLoss
          ? String.format("loss %.4g > %.4g x chance-level loss %.4g", loss, spec.lossFactor(), reference)
          : String.format("loss %.4g > %.4g x initial loss %.4g", loss, spec.lossFactor(), initialLoss)));
    }
    return Optional.empty();
  }

  public double initialLoss() {
    return initialLoss;
  }
}
