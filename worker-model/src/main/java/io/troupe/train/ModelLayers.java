package io.troupe.train;

import io.troupe.train.monitor.ActivationProbe;
import io.troupe.train.monitor.UpdateRatioMonitor;
import io.troupe.trial.LayerStats;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-layer names, weight keys and the per-epoch statistics the monitor reports. */
final class ModelLayers {
  private ModelLayers() {}

  /** The gradient key of each layer's weight matrix ("3_W"), or null for layers without one. */
  static List<String> weightKeys(MultiLayerNetwork net) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      keys.add(net.getLayer(i).paramTable().containsKey("W") ? i + "_W" : null);
    }
    return keys;
  }

  /** "0:dense", "1:batchnorm", ... from DL4J's layer class names. */
  static String name(MultiLayerNetwork net, int i) {
    String type = net.getLayer(i).conf().getLayer().getClass().getSimpleName()
        .replace("Layer", "").replace("Normalization", "norm").toLowerCase(java.util.Locale.ROOT);
    return i + ":" + (type.isEmpty() ? "layer" : type);
  }

  static List<LayerStats> stats(MultiLayerNetwork net, UpdateRatioMonitor monitor, INDArray probe) {
    double[] ratios = monitor.meanRatios();
    double[][] activations = ActivationProbe.measure(net, probe);
    List<LayerStats> stats = new ArrayList<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      stats.add(new LayerStats(name(net, i), ratios[i], activations[i][0], activations[i][1], activations[i][2]));
    }
    return stats;
  }
}
