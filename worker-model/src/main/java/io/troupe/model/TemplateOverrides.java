package io.troupe.model;

import io.troupe.InvalidInputException;
import io.troupe.config.OverrideKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Applies model.overrides to a DL4J configuration before its network is built:
 * <ul>
 *   <li>{@code lr}: every layer's learning rate (weights and biases), replacing any schedule;
 *   <li>{@code l1}, {@code l2}: the weight penalty of every layer with weights (0 removes it; an L2
 *       replaces weight decay too, as the two are alternatives);
 *   <li>{@code dropout}: drop probability on the input of every dense and output layer fed by another
 *       layer (never on the network's input), as Troupe's own networks do;
 *   <li>{@code nOut.<layer>}: a layer's width, by vertex name or layer index; the widths of the layers
 *       after it follow, through DL4J's own input-type inference.
 * </ul>
 */
final class TemplateOverrides {
  private TemplateOverrides() {}

  /** A configuration's layers by name (graph vertex name, or layer index), and whether each is fed by the input. */
  record Layers(Map<String, Layer> byName, Map<String, Boolean> fedByInput) {}

  static void apply(MultiLayerConfiguration conf, Map<String, Double> overrides, InputType input, String file) {
    Map<String, Layer> byName = new LinkedHashMap<>();
    Map<String, Boolean> fedByInput = new LinkedHashMap<>();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      byName.put(Integer.toString(i), conf.getConf(i).getLayer());
      fedByInput.put(Integer.toString(i), i == 0);
    }
    if (applyTo(new Layers(byName, fedByInput), overrides, file)) {
      inferWidths(conf, input, file);
    }
  }

  static void apply(ComputationGraphConfiguration conf, Map<String, Double> overrides, InputType input, String file) {
    Map<String, Layer> byName = new LinkedHashMap<>();
    Map<String, Boolean> fedByInput = new LinkedHashMap<>();
    for (Map.Entry<String, GraphVertex> v : new TreeMap<>(conf.getVertices()).entrySet()) {
      if (v.getValue() instanceof LayerVertex lv) {
        byName.put(v.getKey(), lv.getLayerConf().getLayer());
        List<String> inputs = conf.getVertexInputs().getOrDefault(v.getKey(), List.of());
        fedByInput.put(v.getKey(), conf.getNetworkInputs().containsAll(inputs));
      }
    }
    if (applyTo(new Layers(byName, fedByInput), overrides, file)) {
      try {
        // Recompute every nIn from the input type, so the layers after a changed width follow it.
        conf.addPreProcessors(false, true, input);
      } catch (RuntimeException e) {
        throw new InvalidInputException("model.overrides: the widths of " + file + " no longer fit together: " + e.getMessage(), e);
      }
    }
  }

  /** @return whether a width changed (so the widths after it must be inferred again) */
  private static boolean applyTo(Layers layers, Map<String, Double> overrides, String file) {
    boolean widthChanged = false;
    for (Map.Entry<String, Double> o : new TreeMap<>(overrides).entrySet()) {
      String key = o.getKey();
      double value = o.getValue();
      switch (key) {
        case OverrideKeys.LR -> layers.byName().values().forEach(l -> setLearningRate(l, value));
        case OverrideKeys.L1 -> layers.byName().values().forEach(l -> setPenalty(l, value, true));
        case OverrideKeys.L2 -> layers.byName().values().forEach(l -> setPenalty(l, value, false));
        case OverrideKeys.DROPOUT -> layers.byName().forEach((name, l) -> {
          if ((l instanceof DenseLayer || l instanceof BaseOutputLayer) && !layers.fedByInput().get(name)) {
            l.setIDropout(value > 0 ? new Dropout(ModelFactory.retainProbability(value)) : null);
          }
        });
        default -> {
          String name = OverrideKeys.widthLayer(key);
          Layer layer = layers.byName().get(name);
          if (!(layer instanceof FeedForwardLayer ff)) {
            throw new InvalidInputException("model.overrides." + key + ": " + file + " has "
                + (layer == null ? "no layer " + name : "layer " + name + " without a width (" + layer.getClass().getSimpleName() + ")")
                + "; layers: " + String.join(", ", layers.byName().keySet()));
          }
          ff.setNOut((long) value);
          widthChanged = true;
        }
      }
    }
    return widthChanged;
  }

  private static void setLearningRate(Layer layer, double lr) {
    if (layer instanceof BaseLayer base) {
      base.setIUpdater(withRate(base.getIUpdater(), lr));
      base.setBiasUpdater(withRate(base.getBiasUpdater(), lr));
    }
  }

  private static IUpdater withRate(IUpdater updater, double lr) {
    if (updater == null || !updater.hasLearningRate()) {
      return updater;
    }
    IUpdater copy = updater.clone();
    copy.setLrAndSchedule(lr, null);
    return copy;
  }

  private static void setPenalty(Layer layer, double value, boolean l1) {
    if (!(layer instanceof BaseLayer base)) {
      return;
    }
    List<Regularization> kept = new ArrayList<>();
    for (Regularization r : base.getRegularization() == null ? List.<Regularization>of() : base.getRegularization()) {
      boolean replaced = l1 ? r instanceof L1Regularization : r instanceof L2Regularization || r instanceof WeightDecay;
      if (!replaced) {
        kept.add(r);
      }
    }
    if (value > 0) {
      kept.add(l1 ? new L1Regularization(value) : new L2Regularization(value));
    }
    base.setRegularization(kept);
  }

  /** What DL4J's list builder does at build time, with every nIn recomputed. */
  private static void inferWidths(MultiLayerConfiguration conf, InputType input, String file) {
    InputType current = input;
    try {
      for (int i = 0; i < conf.getConfs().size(); i++) {
        InputPreProcessor pre = conf.getInputPreProcess(i);
        if (pre != null) {
          current = pre.getOutputType(current);
        }
        Layer layer = conf.getConf(i).getLayer();
        layer.setNIn(current, true);
        current = layer.getOutputType(i, current);
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException("model.overrides: the widths of " + file + " no longer fit together: " + e.getMessage(), e);
    }
  }
}
