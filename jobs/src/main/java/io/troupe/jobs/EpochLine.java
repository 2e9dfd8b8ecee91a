package io.troupe.jobs;

import io.troupe.trial.EpochStats;
import io.troupe.trial.LayerStats;

/** The one line printed per finished epoch. */
final class EpochLine {
  private EpochLine() {}

  static String format(String trialId, EpochStats e, int epochs) {
    double ratio = e.layers().stream().mapToDouble(LayerStats::updateRatio).filter(Double::isFinite)
        .average().orElse(Double.NaN);
    StringBuilder s = new StringBuilder(String.format("%s epoch %2d/%d  train_loss %.4f  val_loss %.4f",
        trialId, e.epoch(), epochs, e.trainLoss(), e.valLoss()));
    if (Double.isFinite(e.valAccuracy())) {
      s.append(String.format("  train_acc %.4f  val_acc %.4f", e.trainAccuracy(), e.valAccuracy()));
    }
    s.append(String.format("  lr %.3g", e.learningRate()));
    if (Double.isFinite(ratio)) {
      s.append(String.format("  upd/w %.2g", ratio));
    }
    s.append(String.format("  %.1fs", e.seconds()));
    return s.toString();
  }
}
