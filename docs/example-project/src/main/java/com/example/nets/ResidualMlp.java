package com.example.nets;

import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * A residual MLP (seed 003's residual connections) as a DL4J ComputationGraph:
 *
 * <pre>
 *   in -> stem (dense, width) -> [block: dense -> batch norm -> relu -> dense -> batch norm, + skip -> relu] x blocks -> out
 * </pre>
 *
 * Settings (model.params, each searchable): width (default 256), blocks (2), dropout (0: drop
 * probability before the output layer). Learning rate, L2, initialisation and clipping come from
 * the trial's train and model sections through {@link NetworkContext#defaults()}.
 */
public final class ResidualMlp implements NetworkFactory {
  @Override
  public Model build(NetworkContext ctx) {
    int width = ctx.params().getInt("width", 256);
    int blocks = ctx.params().getInt("blocks", 2);
    double dropout = ctx.params().getDouble("dropout", 0.0);

    ComputationGraphConfiguration.GraphBuilder g = ctx.defaults().graphBuilder()
        .addInputs("in").setInputTypes(ctx.inputType())
        .addLayer("stem", new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build(), "in");
    String skip = "stem";
    for (int b = 1; b <= blocks; b++) {
      String p = "b" + b + "-";
      g.addLayer(p + "fc1", new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build(), skip)
          .addLayer(p + "bn1", new BatchNormalization.Builder().useLogStd(false).build(), p + "fc1")
          .addLayer(p + "relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "bn1")
          .addLayer(p + "fc2", new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build(), p + "relu1")
          .addLayer(p + "bn2", new BatchNormalization.Builder().useLogStd(false).build(), p + "fc2")
          .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", skip)
          .addLayer(p + "out", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "add");
      skip = p + "out";
    }
    var out = ctx.outputLayer();
    if (dropout > 0) {
      out.dropOut(new Dropout(1 - dropout)); // DL4J takes the probability of keeping a unit
    }
    g.addLayer("out", out.build(), skip).setOutputs("out");
    return new ComputationGraph(g.build());
  }
}
