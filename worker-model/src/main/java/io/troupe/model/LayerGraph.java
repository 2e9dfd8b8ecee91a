package io.troupe.model;

import io.troupe.api.InputLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link ComputationGraph} with one input and one output as a {@link Network}. Its units are the
 * vertices that hold a layer, in topological order, named by their vertex names; merge, add and
 * other parameter-free vertices carry activations between them but are not reported.
 */
final class LayerGraph implements Network {
  private final ComputationGraph graph;
  private final InputLayout layout;
  private final List<GraphVertex> layerVertices = new ArrayList<>();

  LayerGraph(ComputationGraph graph, InputLayout layout) {
    this.graph = graph;
    this.layout = layout;
    graph.init();
    int inputs = graph.getConfiguration().getNetworkInputs().size();
    int outputs = graph.getConfiguration().getNetworkOutputs().size();
    if (inputs != 1 || outputs != 1) {
      throw new IllegalArgumentException("a ComputationGraph trained by Troupe needs one input and one output, got "
          + inputs + " input(s) " + graph.getConfiguration().getNetworkInputs() + " and " + outputs + " output(s) "
          + graph.getConfiguration().getNetworkOutputs());
    }
    GraphVertex[] vertices = graph.getVertices();
    for (int index : graph.topologicalSortOrder()) {
      if (vertices[index].hasLayer()) {
        layerVertices.add(vertices[index]);
      }
    }
  }

  @Override
  public Model model() {
    return graph;
  }

  @Override
  public InputLayout layout() {
    return layout;
  }

  @Override
  public String kind() {
    return "ComputationGraph";
  }

  @Override
  public void fit(DataSet rows) {
    graph.fit(layout.arrange(rows));
  }

  @Override
  public double score() {
    return graph.score();
  }

  @Override
  public double score(DataSet rows) {
    return graph.score(layout.arrange(rows), false);
  }

  @Override
  public double trainingScore(DataSet rows) {
    return graph.score(layout.arrange(rows), true);
  }

  @Override
  public Gradient gradient(DataSet rows) {
    DataSet d = layout.arrange(rows);
    graph.setInputs(d.getFeatures());
    graph.setLabels(d.getLabels());
    graph.computeGradientAndScore();
    return graph.gradient();
  }

  @Override
  public INDArray output(INDArray rows) {
    return graph.outputSingle(false, layout.arrange(rows));
  }

  @Override
  public int outputs() {
    Layer out = graph.getOutputLayer(0);
    if (out.conf().getLayer() instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
      return (int) ff.getNOut();
    }
    return (int) out.getParam("b").length();
  }

  @Override
  public INDArray params() {
    return graph.params();
  }

  @Override
  public void setParams(INDArray params) {
    graph.setParams(params);
  }

  @Override
  public Map<String, INDArray> paramTable() {
    return graph.paramTable();
  }

  @Override
  public Network copy() {
    return new LayerGraph(graph.clone(), layout);
  }

  @Override
  public int epochCount() {
    return graph.getEpochCount();
  }

  @Override
  public void incrementEpochCount() {
    graph.incrementEpochCount();
  }

  @Override
  public int iterationCount() {
    return graph.getIterationCount();
  }

  @Override
  public void setCounts(int epochCount, int iterationCount) {
    graph.getConfiguration().setEpochCount(epochCount);
    graph.getConfiguration().setIterationCount(iterationCount);
  }

  @Override
  public void setListeners(List<TrainingListener> listeners) {
    graph.setListeners(listeners);
  }

  @Override
  public void setLearningRate(double lr) {
    graph.setLearningRate(lr);
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return graph.getUpdater(true);
  }

  @Override
  public List<NetworkUnit> units() {
    List<NetworkUnit> units = new ArrayList<>();
    for (GraphVertex v : layerVertices) {
      units.add(NetworkUnit.of(v.getVertexName(), v.getLayer()));
    }
    return units;
  }

  @Override
  public Layer layer(int unit) {
    return layerVertices.get(unit).getLayer();
  }

  @Override
  public List<INDArray> activations(INDArray rows) {
    Map<String, INDArray> all = graph.feedForward(layout.arrange(rows), false);
    List<INDArray> out = new ArrayList<>();
    for (GraphVertex v : layerVertices) {
      out.add(all.get(v.getVertexName()));
    }
    return out;
  }

  @Override
  public INDArray inputOf(int unit, INDArray rows) {
    GraphVertex v = layerVertices.get(unit);
    if (v.getInputVertices() == null || v.getInputVertices().length != 1) {
      throw new IllegalArgumentException("vertex " + v.getVertexName() + " has " +
          (v.getInputVertices() == null ? 0 : v.getInputVertices().length) + " inputs; expected one");
    }
    String input = graph.getVertices()[v.getInputVertices()[0].getVertexIndex()].getVertexName();
    return graph.feedForward(layout.arrange(rows), false).get(input);
  }

  @Override
  public Network converted(DataType type) {
    return new LayerGraph(graph.convertDataType(type), layout);
  }
}
