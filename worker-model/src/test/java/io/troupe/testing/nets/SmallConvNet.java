package io.troupe.testing.nets;

import io.troupe.api.InputLayout;
import io.troupe.api.ModelParams;
import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * A conv + batch-norm + pooling MultiLayerNetwork that takes images as [channels, height, width]:
 * image data in its own shape, or flat rows read as model.params height x width x channels.
 */
public final class SmallConvNet implements NetworkFactory {
  @Override
  public InputLayout input(NetworkShape data, ModelParams params) {
    // Image data comes in its own shape; flat rows take the size model.params gives.
    return params.has("height") ? InputLayout.convolutional(params.getInt("height"), params.getInt("width"),
        params.getInt("channels")) : InputLayout.convolutional();
  }

  @Override
  public Model build(NetworkContext ctx) {
    return new MultiLayerNetwork(ctx.defaults().list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(ctx.params().getInt("filters", 4))
            .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build())
        .layer(new BatchNormalization.Builder().useLogStd(false).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(ctx.outputLayer().build())
        .setInputType(ctx.inputType())
        .build());
  }
}
