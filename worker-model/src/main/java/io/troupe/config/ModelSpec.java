package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;
import java.util.List;

/**
 * The network. The output layer follows data.task: softmax with cross-entropy for
 * classification, identity with mean squared error for regression.
 */
@Doc("The network. The output layer follows data.task: softmax + cross-entropy for classification, identity + MSE for regression.")
public record ModelSpec(
    @Doc("mlp (dense layers) or cnn (conv + pooling blocks, then the dense layers of model.hidden).")
    @Default("mlp") ModelType type,
    @Doc("Widths of the hidden dense layers, input side first. [] is a linear/softmax model; [1, 1, 1] with activation identity is seed 000's deep narrow linear network.")
    @Default("[256, 128]") @Min(1) List<Integer> hidden,
    @Doc("Hidden activation: sigmoid, tanh, relu, leaky-relu, elu, identity.")
    @Default("relu") Activation activation,
    @Doc("Slope for x < 0 of leaky-relu.")
    @Default("0.01") @Min(value = 0, exclusive = true) @Max(value = 1, exclusive = true) double leakyReluSlope,
    @Doc("alpha of elu: f(x) = alpha (e^x - 1) for x <= 0.")
    @Default("1.0") @Min(value = 0, exclusive = true) double eluAlpha,
    @Doc("Weight initialisation: zero, constant, small-normal N(0,0.01^2), normal N(0,1), lecun N(0,1/n_in), xavier, he, identity.")
    @Default("he") WeightInit init,
    @Doc("The value every weight gets with init: constant.")
    @Default("0.0") double initConstant,
    @Doc("Initial value of every bias.")
    @Default("0.0") double biasInit,
    @Doc("Probability of DROPPING a hidden unit during training (0 disables). Converted to DL4J's retain probability 1 - dropout.")
    @Default("0.0") @Min(0) @Max(value = 1, exclusive = true) double dropout,
    @Doc("Batch normalisation after each hidden layer (and each conv layer), before the activation.")
    @Default("false") boolean batchNorm,
    @Doc("Convolutional blocks, used when model.type is cnn.")
    ConvSpec conv) {

  public ModelSpec {
    hidden = List.copyOf(hidden);
  }
}
