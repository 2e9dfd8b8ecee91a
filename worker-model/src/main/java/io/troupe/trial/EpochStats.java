package io.troupe.trial;

import java.io.Serializable;
import java.util.List;

/**
 * What one epoch looked like. Losses are mean cross-entropy (classification) or mean squared error
 * (regression). {@code trainLoss} is the mean mini-batch training objective (with regularisation and
 * dropout, as the optimiser saw it); {@code trainEvalLoss}/{@code trainAccuracy} score a fixed
 * sample of the training part in inference mode, comparable with the validation figures.
 *
 * @param epoch 1-based
 * @param learningRate the rate at the end of the epoch
 * @param gradientNorm mean L2 norm of the whole raw gradient over sampled iterations
 */
public record EpochStats(int epoch, double trainLoss, double trainEvalLoss, double trainAccuracy,
    double valLoss, double valAccuracy, double learningRate, double gradientNorm, List<LayerStats> layers,
    double seconds) implements Serializable {

  public EpochStats {
    layers = List.copyOf(layers);
  }
}
