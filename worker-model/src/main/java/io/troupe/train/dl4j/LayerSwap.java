package io.troupe.train.dl4j;

import java.lang.reflect.Field;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Puts new runtime layer objects into a built layer stack: its layer array and its by-name map
 * ({@code getLayer(String)}). Only before the network has an updater, whose blocks hold the layer
 * objects they were made with, and before listeners bind to them.
 */
final class LayerSwap {
  private LayerSwap() {}

  static boolean possible(MultiLayerNetwork net) {
    return net.getUpdater(false) == null;
  }

  @SuppressWarnings("unchecked")
  static void apply(MultiLayerNetwork net, Layer[] layers) {
    net.setLayers(layers);
    try {
      Field field = MultiLayerNetwork.class.getDeclaredField("layerMap");
      field.setAccessible(true);
      Map<String, Layer> byName = (Map<String, Layer>) field.get(net);
      if (byName != null) {
        byName.replaceAll((name, old) -> layers[old.getIndex()]);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this DL4J version's MultiLayerNetwork has no layerMap to update", e);
    }
  }
}
