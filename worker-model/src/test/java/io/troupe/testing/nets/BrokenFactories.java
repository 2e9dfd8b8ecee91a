package io.troupe.testing.nets;

import io.troupe.api.InputLayout;
import io.troupe.api.ModelParams;
import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Factories that are wrong in the ways a user's can be, for the driver's bad-input checks. */
public final class BrokenFactories {
  private BrokenFactories() {}

  /** Has a build method, but does not implement NetworkFactory. */
  public static final class NotAFactory {
    public Model build(NetworkContext ctx) {
      return null;
    }
  }

  public static final class Throwing implements NetworkFactory {
    @Override
    public Model build(NetworkContext ctx) {
      throw new IllegalStateException("the factory's own bug");
    }
  }

  /** Three outputs, whatever the data's classes. */
  public static final class WrongOutputWidth implements NetworkFactory {
    @Override
    public Model build(NetworkContext ctx) {
      return new MultiLayerNetwork(ctx.defaults().list()
          .layer(new DenseLayer.Builder().nIn(ctx.data().inputSize()).nOut(4).activation(Activation.TANH).build())
          .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
              .activation(Activation.SOFTMAX).build())
          .build());
    }
  }

  /** Takes 5 features, whatever the data has. */
  public static final class WrongInputWidth implements NetworkFactory {
    @Override
    public Model build(NetworkContext ctx) {
      return new MultiLayerNetwork(ctx.defaults().list()
          .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.TANH).build())
          .layer(ctx.outputLayer().nIn(4).build())
          .build());
    }
  }

  /** Asks for images from flat data. */
  public static final class ImagesFromFlatData implements NetworkFactory {
    @Override
    public InputLayout input(NetworkShape data, ModelParams params) {
      return InputLayout.convolutional();
    }

    @Override
    public Model build(NetworkContext ctx) {
      throw new AssertionError("never reached: the layout does not fit");
    }
  }

  /** Reads a required setting the config does not give. */
  public static final class NeedsDepth implements NetworkFactory {
    @Override
    public Model build(NetworkContext ctx) {
      ctx.params().getInt("depth");
      throw new AssertionError("never reached");
    }
  }
}
