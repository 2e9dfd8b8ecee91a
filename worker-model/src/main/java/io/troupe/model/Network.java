package io.troupe.model;

import io.troupe.api.InputLayout;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A trainable DL4J network, a {@link MultiLayerNetwork} or a {@link ComputationGraph}, seen the way
 * Troupe's loop, monitoring, averaging and scoring need it: one input, one output, and features
 * given as Troupe's flat rows, which the network's {@link InputLayout} arranges. Saved models stay
 * plain DL4J models ({@link #model()}).
 */
public sealed interface Network permits LayerStack, LayerGraph {

  /** Wraps an initialised (or not yet initialised: it is initialised here) network. */
  static Network of(Model model, InputLayout layout) {
    if (model instanceof MultiLayerNetwork stack) {
      return new LayerStack(stack, layout);
    }
    if (model instanceof ComputationGraph graph) {
      return new LayerGraph(graph, layout);
    }
    throw new IllegalArgumentException("expected a MultiLayerNetwork or a ComputationGraph, got "
        + (model == null ? "null" : model.getClass().getName()));
  }

  /** The DL4J network itself, for saving. */
  Model model();

  InputLayout layout();

  /** "MultiLayerNetwork" or "ComputationGraph". */
  String kind();

  /** One training step on a mini-batch of flat rows. */
  void fit(DataSet rows);

  /** The loss of the last step, regularisation included. */
  double score();

  /** The loss on {@code rows} without training (regularisation included). */
  double score(DataSet rows);

  /**
   * The loss on {@code rows} as a training step computes it (batch norm on the batch's own
   * statistics, dropout if any), without training: what {@link #gradient} is the gradient of.
   */
  double trainingScore(DataSet rows);

  /** The raw gradient (summed over the batch) and score on {@code rows}. */
  Gradient gradient(DataSet rows);

  /** Inference-mode outputs [rows, outputs] of flat rows. */
  INDArray output(INDArray rows);

  /** The width of the output. */
  int outputs();

  INDArray params();

  void setParams(INDArray params);

  /** Parameters by gradient key ("0_W" in a layer stack, "vertex_W" in a graph). */
  Map<String, INDArray> paramTable();

  /** A deep copy, updater state included. */
  Network copy();

  int epochCount();

  void incrementEpochCount();

  int iterationCount();

  /** Sets the epoch and iteration counts, as a restored checkpoint has them (schedules and batch order follow them). */
  void setCounts(int epochCount, int iterationCount);

  void setListeners(List<TrainingListener> listeners);

  /** Sets every layer's learning rate (reduce-on-plateau). */
  void setLearningRate(double lr);

  /** DL4J's updater, created if absent. */
  BaseMultiLayerUpdater<?> updater();

  /** The layers in forward order (a graph's layer vertices in topological order). */
  List<NetworkUnit> units();

  /** The DL4J layer of unit {@code i}. */
  Layer layer(int unit);

  /** Inference-mode activations of every unit on {@code rows}, in the order of {@link #units()}. */
  List<INDArray> activations(INDArray rows);

  /** The inference-mode input of unit {@code i} on {@code rows} (what a batch-norm layer normalises). */
  INDArray inputOf(int unit, INDArray rows);

  /** A copy in another floating-point type (the preflight's gradient check runs in double). */
  Network converted(org.nd4j.linalg.api.buffer.DataType type);
}
