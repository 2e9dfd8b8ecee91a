package com.example.nets;

import io.troupe.api.InputLayout;
import io.troupe.api.ModelParams;
import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * A small residual CNN for images of any size and channel count: a 3x3 stem, one residual block
 * (two 3x3 convolutions with batch norm, added to the stem), 2x2 max pooling, global average
 * pooling and the output layer. Settings: channels (default 16).
 */
public final class ResidualCnn implements NetworkFactory {
  @Override
  public InputLayout input(NetworkShape data, ModelParams params) {
    return InputLayout.convolutional(); // [channels, height, width], as the data holds its images
  }

  @Override
  public Model build(NetworkContext ctx) {
    int channels = ctx.params().getInt("channels", 16);
    ComputationGraphConfiguration.GraphBuilder g = ctx.defaults().graphBuilder()
        .addInputs("in").setInputTypes(ctx.inputType())
        .addLayer("stem", conv(channels, Activation.RELU), "in")
        .addLayer("c1", conv(channels, Activation.IDENTITY), "stem")
        .addLayer("bn1", new BatchNormalization.Builder().useLogStd(false).build(), "c1")
        .addLayer("relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn1")
        .addLayer("c2", conv(channels, Activation.IDENTITY), "relu1")
        .addLayer("bn2", new BatchNormalization.Builder().useLogStd(false).build(), "c2")
        .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "stem")
        .addLayer("relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
        .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
            .build(), "relu2")
        .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
        .addLayer("out", ctx.outputLayer().build(), "gap")
        .setOutputs("out");
    return new ComputationGraph(g.build());
  }

  private static ConvolutionLayer conv(int channels, Activation activation) {
    return new ConvolutionLayer.Builder(3, 3).nOut(channels).convolutionMode(ConvolutionMode.Same)
        .activation(activation).build();
  }
}
