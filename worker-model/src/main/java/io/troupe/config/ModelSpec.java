package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;
import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import java.util.List;
import java.util.Map;

/**
 * The network. The output layer follows data.task: softmax with cross-entropy for
 * classification, identity with mean squared error for regression.
 */
@Doc("The network. The output layer follows data.task: softmax + cross-entropy for classification, identity + MSE for regression.")
public record ModelSpec(
    @Doc("mlp (dense layers), cnn (conv + pooling blocks, then the dense layers of model.hidden), factory (the class model.factory builds the network), dl4j-json (a DL4J configuration JSON in model.file, adjusted by model.overrides) or dl4j-zip (a saved DL4J model in model.file, fine-tuned from its weights).")
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
    ConvSpec conv,
    @Doc("model.type factory: the fully qualified name of a class on the application's classpath (a user jar) implementing io.troupe.api.NetworkFactory, with a public no-argument constructor.")
    @Default("null") String factory,
    @Doc("Settings of the user's factory, read with NetworkContext.params(): any keys, any YAML values; each can be a search dimension (search.space.model.params.<key>).")
    @Default("{}") Map<String, ParamValue> params,
    @Doc("model.type dl4j-json: a MultiLayerConfiguration or ComputationGraphConfiguration JSON file; dl4j-zip: a model zip saved by DL4J's ModelSerializer. A local path or a Hadoop URI (hdfs://, s3a://); read on the driver and copied into the run.")
    @Default("null") String file,
    @Doc("Changes to a dl4j-json or dl4j-zip network, each searchable: lr (every layer's learning rate), l1, l2 (every layer with weights), dropout (drop probability on the input of every dense and output layer fed by a hidden layer), nOut.<layer> (the width of a layer, by name or index; dl4j-json only).")
    @Default("{}") Map<String, Double> overrides)
    implements CrossChecked {

  public ModelSpec {
    hidden = List.copyOf(hidden);
    params = Map.copyOf(params);
    overrides = Map.copyOf(overrides);
  }

  @Override
  public void crossCheck(Checks checks) {
    if (type == ModelType.FACTORY && (factory == null || factory.isBlank())) {
      checks.fail("factory", "model.type factory needs model.factory: the class name of your io.troupe.api.NetworkFactory, e.g. com.acme.ResidualNets");
    }
    if (type != ModelType.FACTORY && factory != null) {
      checks.fail("factory", "is only read with model.type factory, but model.type is " + type.configName());
    }
    boolean needsFile = type == ModelType.DL4J_JSON || type == ModelType.DL4J_ZIP;
    if (needsFile && (file == null || file.isBlank())) {
      checks.fail("file", "model.type " + type.configName() + " needs model.file: the path or URI of the "
          + (type == ModelType.DL4J_JSON ? "configuration JSON" : "saved model zip"));
    }
    if (!needsFile && file != null) {
      checks.fail("file", "is only read with model.type dl4j-json or dl4j-zip, but model.type is " + type.configName());
    }
    if (!params.isEmpty() && type != ModelType.FACTORY) {
      checks.fail("params", "are read by a factory class (model.type factory), but model.type is " + type.configName());
    }
    if (!overrides.isEmpty() && !needsFile) {
      checks.fail("overrides", "change a dl4j-json or dl4j-zip network, but model.type is " + type.configName()
          + (type.isBuiltIn() ? "; set model.* and train.* directly" : "; read your own settings from model.params"));
    }
    OverrideKeys.check(overrides, type, checks);
  }
}
