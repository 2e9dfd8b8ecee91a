package io.troupe.train;

import io.troupe.config.EarlyStoppingSpec;
import io.troupe.config.Metric;
import io.troupe.model.Network;
import io.troupe.trial.EpochStats;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Early stopping on validation: after each epoch, compares the watched metric with the best so far
 * (an improvement must beat it by more than minDelta), keeps a copy of the best epoch's weights when
 * they are to be restored, and says when {@code patience} epochs have passed without one. An ASHA
 * rung picks up where the previous rung left off ({@link #resume}), so its patience and best epoch
 * span the whole trial.
 */
final class EarlyStopper {
  private final EarlyStoppingSpec spec;
  private final Metric metric;
  private double best = Double.NaN;
  private int bestEpoch = -1;
  private int sinceBest;
  private INDArray bestParams;
  /** Where the best weights are when an earlier rung reached them; null when they are in bestParams. */
  private String earlierBestModel;
  private double bestTrainLoss = Double.NaN;
  private double bestTrainAccuracy = Double.NaN;

  /** @param metric the metric watched: the spec's own, else the experiment's objective */
  EarlyStopper(EarlyStoppingSpec spec, Metric metric) {
    this.spec = spec;
    this.metric = spec.metric() != null ? spec.metric() : metric;
  }

  /** Continues from the state an earlier rung of the same trial saved. */
  void resume(StoppingCarry carried) {
    best = carried.best();
    bestEpoch = carried.bestEpoch();
    sinceBest = carried.sinceBest();
    earlierBestModel = carried.bestModelKey();
    bestTrainLoss = carried.bestTrainLoss();
    bestTrainAccuracy = carried.bestTrainAccuracy();
  }

  /** The state to save for the next rung; {@code modelKey} is this rung's model, which holds a best reached here. */
  StoppingCarry carry(String modelKey) {
    return new StoppingCarry(best, bestEpoch, sinceBest, earlierBestModel != null ? earlierBestModel : modelKey,
        bestTrainLoss, bestTrainAccuracy);
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
      bestTrainLoss = stats.trainLoss();
      bestTrainAccuracy = stats.trainAccuracy();
      sinceBest = 0;
      earlierBestModel = null;
      if (spec.restoreBest()) {
        bestParams = net.params().dup();
      }
      return false;
    }
    return ++sinceBest >= spec.patience();
  }

  /**
   * Puts the best epoch's weights back (batch-norm statistics are among them in DL4J), from memory
   * or, when an earlier rung reached them, from that rung's model read by {@code readParams}.
   *
   * @return the epoch restored, or -1 when the last epoch was the best or nothing is restored
   */
  int restoreBest(Network net, int lastEpoch, Function<String, INDArray> readParams) {
    if (!wouldRestore(lastEpoch)) {
      return -1;
    }
    net.setParams(bestParams != null ? bestParams : readParams.apply(earlierBestModel));
    return bestEpoch;
  }

  /** Whether restoring would change the weights the last epoch left. */
  boolean wouldRestore(int lastEpoch) {
    return spec.restoreBest() && bestEpoch >= 0 && bestEpoch != lastEpoch
        && (bestParams != null || earlierBestModel != null);
  }

  Metric metric() {
    return metric;
  }

  /** The 1-based epoch with the best metric so far, or -1 before any. */
  int bestEpoch() {
    return bestEpoch;
  }

  /** The training loss and accuracy of the best epoch (NaN before any). */
  double bestTrainLoss() {
    return bestTrainLoss;
  }

  double bestTrainAccuracy() {
    return bestTrainAccuracy;
  }
}
