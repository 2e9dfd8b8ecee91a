package io.troupe.model;

import io.troupe.config.ModelSpec;
import io.troupe.config.ModelType;
import io.troupe.config.TrainSpec;
import io.troupe.data.Task;
import io.troupe.train.dl4j.GradientClipping;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network a config describes: an MLP, or conv blocks followed by dense layers,
 * with a softmax/cross-entropy head for classification or identity/MSE for regression.
 *
 * <p>Dropout: the config gives the probability of DROPPING a unit; DL4J's {@code dropOut(p)}
 * takes the probability of RETAINING and applies to a layer's INPUT. So hidden units are dropped
 * by setting {@code dropOut(1 - p)} on every dense/output layer whose input is a hidden
 * activation (for a cnn, also the flattened conv features); the network's inputs are never dropped.
 */
public final class ModelFactory {
  private ModelFactory() {}

  /** DL4J's retain probability for a drop probability; 0 means no dropout at all. */
  public static double retainProbability(double dropProbability) {
    if (dropProbability < 0 || dropProbability >= 1) {
      throw new IllegalArgumentException("drop probability must be in [0, 1), got " + dropProbability);
    }
    return 1.0 - dropProbability;
  }

  public static MultiLayerConfiguration build(ModelSpec model, TrainSpec train, NetworkShape shape,
      IUpdater updater, long seed) {
    NeuralNetConfiguration.ListBuilder layers = defaults(model, train, updater, seed).list();
    IActivation activation = Activations.hidden(model);
    if (model.type() == ModelType.CNN) {
      addConvBlocks(layers, model, activation);
    }
    // Conv features entering the first dense layer are hidden units too; raw inputs never are.
    boolean inputIsHidden = model.type() == ModelType.CNN;
    for (int width : model.hidden()) {
      addDense(layers, model, activation, width, inputIsHidden);
      inputIsHidden = true;
    }
    layers.layer(outputLayer(model, shape, inputIsHidden));
    layers.setInputType(inputType(shape));
    return layers.build();
  }

  /**
   * The settings every Troupe network shares, for any layers built on them: the seed, the trial's
   * updater (with its learning-rate schedule), weight and bias initialisation, L1/L2 and gradient
   * clipping. A user's factory gets the same through {@code NetworkContext.defaults()}.
   */
  public static NeuralNetConfiguration.Builder defaults(ModelSpec model, TrainSpec train, IUpdater updater,
      long seed) {
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .weightInit(WeightInits.of(model))
        .biasInit(model.biasInit())
        .l1(train.l1())
        .l2(train.l2());
    GradientClipping.apply(base, clipMode(train), train.clip().threshold());
    return base;
  }

  /** Softmax with cross-entropy for classification, identity with MSE for regression, sized to the data. */
  public static OutputLayer.Builder outputLayerFor(NetworkShape shape) {
    boolean classification = shape.task() == Task.CLASSIFICATION;
    return new OutputLayer.Builder(classification
        ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
        .nOut(shape.outputs())
        .activation(classification ? new ActivationSoftmax() : new ActivationIdentity());
  }

  private static GradientClipping.Mode clipMode(TrainSpec train) {
    return switch (train.clip().mode()) {
      case NONE -> GradientClipping.Mode.NONE;
      case VALUE -> GradientClipping.Mode.VALUE;
      case NORM -> GradientClipping.Mode.NORM;
    };
  }

  private static void addConvBlocks(NeuralNetConfiguration.ListBuilder layers, ModelSpec model, IActivation activation) {
    for (int channels : model.conv().channels()) {
      int k = model.conv().kernel();
      layers.layer(new ConvolutionLayer.Builder(k, k).nOut(channels).stride(1, 1)
          .convolutionMode(ConvolutionMode.Same)
          .activation(model.batchNorm() ? new ActivationIdentity() : activation).build());
      addNormAndActivation(layers, model, activation);
      if (model.conv().pool() > 1) {
        int p = model.conv().pool();
        layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .kernelSize(p, p).stride(p, p).convolutionMode(ConvolutionMode.Same).build());
      }
    }
  }

  private static void addDense(NeuralNetConfiguration.ListBuilder layers, ModelSpec model, IActivation activation,
      int width, boolean inputIsHidden) {
    DenseLayer.Builder dense = new DenseLayer.Builder().nOut(width)
        .activation(model.batchNorm() ? new ActivationIdentity() : activation);
    dropHiddenInput(dense, model, inputIsHidden);
    layers.layer(dense.build());
    addNormAndActivation(layers, model, activation);
  }

  /** Batch norm sits between the linear map and the non-linearity (Ioffe & Szegedy). */
  private static void addNormAndActivation(NeuralNetConfiguration.ListBuilder layers, ModelSpec model,
      IActivation activation) {
    if (model.batchNorm()) {
      // Plain mean/var parameters (not log10 std), so averaging and re-estimation are simple.
      layers.layer(new BatchNormalization.Builder().useLogStd(false).build());
      layers.layer(new ActivationLayer.Builder().activation(activation).build());
    }
  }

  private static OutputLayer outputLayer(ModelSpec model, NetworkShape shape, boolean inputIsHidden) {
    OutputLayer.Builder out = outputLayerFor(shape);
    dropHiddenInput(out, model, inputIsHidden);
    return out.build();
  }

  private static void dropHiddenInput(FeedForwardLayer.Builder<?> layer, ModelSpec model, boolean inputIsHidden) {
    if (inputIsHidden && model.dropout() > 0) {
      layer.dropOut(retainProbability(model.dropout()));
    }
  }

  private static InputType inputType(NetworkShape shape) {
    int[] s = shape.inputShape();
    return shape.isImage()
        ? InputType.convolutionalFlat(s[1], s[2], s[0])
        : InputType.feedForward(shape.inputSize());
  }
}
