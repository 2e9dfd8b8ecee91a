package io.troupe.model;

import io.troupe.api.InputLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A {@link MultiLayerNetwork} as a {@link Network}: layers are numbered from the input side. */
final class LayerStack implements Network {
  private final MultiLayerNetwork net;
  private final InputLayout layout;

  LayerStack(MultiLayerNetwork net, InputLayout layout) {
    this.net = net;
    this.layout = layout;
    net.init();
  }

  @Override
  public Model model() {
    return net;
  }

  @Override
  public InputLayout layout() {
    return layout;
  }

  @Override
  public String kind() {
    return "MultiLayerNetwork";
  }

  @Override
  public void fit(DataSet rows) {
    net.fit(layout.arrange(rows));
  }

  @Override
  public double score() {
    return net.score();
  }

  @Override
  public double score(DataSet rows) {
    return net.score(layout.arrange(rows), false);
  }

  @Override
  public double trainingScore(DataSet rows) {
    return net.score(layout.arrange(rows), true);
  }

  @Override
  public Gradient gradient(DataSet rows) {
    DataSet d = layout.arrange(rows);
    net.setInput(d.getFeatures());
    net.setLabels(d.getLabels());
    net.computeGradientAndScore();
    return net.gradient();
  }

  @Override
  public INDArray output(INDArray rows) {
    return net.output(layout.arrange(rows), false);
  }

  @Override
  public int outputs() {
    Layer last = net.getLayer(net.getnLayers() - 1);
    if (last.conf().getLayer() instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
      return (int) ff.getNOut();
    }
    return (int) last.getParam("b").length();
  }

  @Override
  public INDArray params() {
    return net.params();
  }

  @Override
  public void setParams(INDArray params) {
    net.setParams(params);
  }

  @Override
  public Map<String, INDArray> paramTable() {
    return net.paramTable();
  }

  @Override
  public Network copy() {
    return new LayerStack(net.clone(), layout);
  }

  @Override
  public int epochCount() {
    return net.getEpochCount();
  }

  @Override
  public void incrementEpochCount() {
    net.incrementEpochCount();
  }

  @Override
  public int iterationCount() {
    return net.getIterationCount();
  }

  @Override
  public void setCounts(int epochCount, int iterationCount) {
    net.setEpochCount(epochCount);
    net.setIterationCount(iterationCount);
  }

  @Override
  public void setListeners(List<TrainingListener> listeners) {
    net.setListeners(listeners);
  }

  @Override
  public void setLearningRate(double lr) {
    net.setLearningRate(lr);
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return (BaseMultiLayerUpdater<?>) net.getUpdater(true);
  }

  @Override
  public List<NetworkUnit> units() {
    List<NetworkUnit> units = new ArrayList<>();
    for (int i = 0; i < net.getnLayers(); i++) {
      units.add(NetworkUnit.of(Integer.toString(i), net.getLayer(i)));
    }
    return units;
  }

  @Override
  public Layer layer(int unit) {
    return net.getLayer(unit);
  }

  @Override
  public List<INDArray> activations(INDArray rows) {
    List<INDArray> all = net.feedForward(layout.arrange(rows), false);
    return new ArrayList<>(all.subList(1, all.size())); // index 0 is the input
  }

  @Override
  public INDArray inputOf(int unit, INDArray rows) {
    return net.feedForwardToLayer(unit, layout.arrange(rows), false).get(unit);
  }

  @Override
  public Network converted(DataType type) {
    return new LayerStack(net.convertDataType(type), layout);
  }
}
