package io.troupe.model;

import org.nd4j.linalg.activations.IActivation;

/**
 * One layer of a network, as monitoring reports it.
 *
 * @param name "0:dense" in a layer stack, "block1:dense" in a graph
 * @param weightKey the gradient key of its weight matrix ("0_W", "block1_W"), or null without one
 * @param activation its non-linearity, or null when it has none of its own
 * @param batchNorm whether it is a batch-normalisation layer
 */
public record NetworkUnit(String name, String weightKey, IActivation activation, boolean batchNorm) {

  static NetworkUnit of(String id, org.deeplearning4j.nn.api.Layer layer) {
    org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
    String type = conf.getClass().getSimpleName()
        .replace("Layer", "").replace("Normalization", "norm").toLowerCase(java.util.Locale.ROOT);
    IActivation activation = null;
    if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
      activation = base.getActivationFn();
    } else if (conf instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer act) {
      activation = act.getActivationFn();
    }
    boolean hasWeights = layer.paramTable() != null && layer.paramTable().containsKey("W");
    return new NetworkUnit(id + ":" + (type.isEmpty() ? "layer" : type), hasWeights ? id + "_W" : null, activation,
        layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization);
  }
}
