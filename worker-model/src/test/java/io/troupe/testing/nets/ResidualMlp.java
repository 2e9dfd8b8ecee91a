package io.troupe.testing.nets;

import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * A residual MLP as a ComputationGraph: a dense stem, then {@code blocks} residual blocks
 * (dense, optional batch norm, relu, added to the block's input). Reads model.params width,
 * blocks and batchNorm.
 */
public final class ResidualMlp implements NetworkFactory {
  @Override
  public Model build(NetworkContext ctx) {
    int width = ctx.params().getInt("width", 16);
    int blocks = ctx.params().getInt("blocks", 1);
    boolean batchNorm = ctx.params().getBoolean("batchNorm", false);
    ComputationGraphConfiguration.GraphBuilder g = ctx.defaults().graphBuilder()
        .addInputs("in").setInputTypes(ctx.inputType())
        .addLayer("stem", new DenseLayer.Builder().nOut(width).activation(Activation.TANH).build(), "in");
    String previous = "stem";
    for (int b = 1; b <= blocks; b++) {
      String dense = "block" + b;
      g.addLayer(dense, new DenseLayer.Builder().nOut(width)
          .activation(batchNorm ? Activation.IDENTITY : Activation.TANH).build(), previous);
      String last = dense;
      if (batchNorm) {
        g.addLayer(dense + "-bn", new BatchNormalization.Builder().useLogStd(false).build(), dense);
        g.addLayer(dense + "-act", new ActivationLayer.Builder().activation(Activation.TANH).build(), dense + "-bn");
        last = dense + "-act";
      }
      g.addVertex("sum" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add), previous, last);
      previous = "sum" + b;
    }
    g.addLayer("out", ctx.outputLayer().build(), previous).setOutputs("out");
    return new ComputationGraph(g.build());
  }
}
