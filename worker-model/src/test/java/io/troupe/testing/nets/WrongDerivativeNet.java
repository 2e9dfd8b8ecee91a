package io.troupe.testing.nets;

import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A layer whose backprop is wrong (tanh forward, identity backward), then a ReLU layer: a backprop
 * bug in a network with kinks, which the gradient check must not put down to the kinks.
 */
public final class WrongDerivativeNet implements NetworkFactory {
  /** tanh whose backprop leaves out the 1 - tanh^2 factor. */
  public static final class TanhWithoutDerivative extends BaseActivationFunction {
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
      return Transforms.tanh(in, false);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
      return new Pair<>(epsilon, null);
    }

    @Override
    public String toString() {
      return "tanh-without-derivative";
    }
  }

  @Override
  public Model build(NetworkContext ctx) {
    return new MultiLayerNetwork(ctx.defaults().list()
        .layer(new DenseLayer.Builder().nOut(16).activation(new TanhWithoutDerivative()).build())
        .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
        .layer(ctx.outputLayer().build())
        .setInputType(ctx.inputType())
        .build());
  }
}
