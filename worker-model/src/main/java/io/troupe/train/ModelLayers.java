package io.troupe.train;

import io.troupe.model.Network;
import io.troupe.model.NetworkUnit;
import io.troupe.train.monitor.ActivationProbe;
import io.troupe.train.monitor.UpdateRatioMonitor;
import io.troupe.trial.LayerStats;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-layer weight keys and the per-epoch statistics the monitor reports, for a layer stack or a graph. */
final class ModelLayers {
  private ModelLayers() {}

  /** The gradient key of each unit's weight matrix ("3_W", "block1_W"), or null for units without one. */
  static List<String> weightKeys(Network net) {
    List<String> keys = new ArrayList<>();
    net.units().forEach(u -> keys.add(u.weightKey()));
    return keys;
  }

  static List<LayerStats> stats(Network net, UpdateRatioMonitor monitor, INDArray probe) {
    double[] ratios = monitor.meanRatios();
    double[][] activations = ActivationProbe.measure(net, probe);
    List<NetworkUnit> units = net.units();
    List<LayerStats> stats = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      stats.add(new LayerStats(units.get(i).name(), ratios[i], activations[i][0], activations[i][1], activations[i][2]));
    }
    return stats;
  }
}
