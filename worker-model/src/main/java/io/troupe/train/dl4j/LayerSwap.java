package io.troupe.train.dl4j;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.BiFunction;
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

  /**
   * Puts {@code replacement.apply(index, layer)} in place of each layer it does not answer null for,
   * where {@link #possible}. @return how many layers it replaced
   */
  static int replaceEach(MultiLayerNetwork net, BiFunction<Integer, Layer, Layer> replacement) {
    if (!possible(net)) {
      return 0;
    }
    Layer[] layers = net.getLayers();
    int replaced = 0;
    for (int i = 0; i < layers.length; i++) {
      Layer swapped = replacement.apply(i, layers[i]);
      if (swapped != null) {
        layers[i] = swapped;
        replaced++;
      }
    }
    if (replaced > 0) {
      apply(net, layers);
    }
    return replaced;
  }

  /** What a replacement takes over from the layer it replaces: listeners, index, parameter and gradient views. */
  static void inherit(Layer original, Layer replacement) {
    replacement.setListeners(original.getListeners());
    replacement.setIndex(original.getIndex());
    if (original.numParams() > 0) {
      replacement.setParamsViewArray(original.params());
      replacement.setParamTable(original.paramTable());
      if (original.getGradientsViewArray() != null) {
        replacement.setBackpropGradientsViewArray(original.getGradientsViewArray());
      }
    }
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
