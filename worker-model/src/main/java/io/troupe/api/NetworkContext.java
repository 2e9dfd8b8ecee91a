package io.troupe.api;

import io.troupe.config.ModelSpec;
import io.troupe.config.TrainSpec;
import io.troupe.model.ModelFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a {@link NetworkFactory} knows about the trial it builds for: the trial's seed, the data's
 * shape, the trial's resolved model and train sections (search values applied), its
 * {@code model.params}, and builders preset the way Troupe's own networks are, so a search over
 * {@code train.optimizer.lr}, {@code train.l2} or {@code model.init} acts on the factory's network
 * too when it starts from {@link #defaults()}.
 */
public final class NetworkContext {
  private final long seed;
  private final NetworkShape data;
  private final InputLayout layout;
  private final ModelSpec model;
  private final TrainSpec train;
  private final IUpdater updater;

  public NetworkContext(long seed, NetworkShape data, InputLayout layout, ModelSpec model, TrainSpec train,
      IUpdater updater) {
    this.seed = seed;
    this.data = data;
    this.layout = layout;
    this.model = model;
    this.train = train;
    this.updater = updater;
  }

  /** The trial's seed: give it to the network's configuration (as {@link #defaults()} does). */
  public long seed() {
    return seed;
  }

  /** The input shape ([features] or [channels, height, width]), the number of outputs and the task. */
  public NetworkShape data() {
    return data;
  }

  /** The layout the factory asked for, with its sizes taken from the data. */
  public InputLayout layout() {
    return layout;
  }

  /** The DL4J input type for the layout: pass it to {@code setInputTypes} or {@code setInputType}. */
  public InputType inputType() {
    return layout.inputType();
  }

  /** The trial's model section; {@link #params()} reads its {@code params}. */
  public ModelSpec model() {
    return model;
  }

  public ModelParams params() {
    return new ModelParams(model.params());
  }

  /** The trial's train section (optimizer, L1/L2, clipping, epochs, ...). */
  public TrainSpec train() {
    return train;
  }

  /** The trial's updater: train.optimizer with its learning-rate schedule (train.schedule). */
  public IUpdater updater() {
    return updater;
  }

  /**
   * A configuration builder with the seed, the trial's updater, model.init, model.biasInit,
   * train.l1, train.l2 and train.clip set: start {@code .list()} or {@code .graphBuilder()} from it.
   */
  public NeuralNetConfiguration.Builder defaults() {
    return ModelFactory.defaults(model, train, updater, seed);
  }

  /** The output layer for the task: softmax and cross-entropy over the classes, or identity and MSE. */
  public OutputLayer.Builder outputLayer() {
    return ModelFactory.outputLayerFor(data);
  }
}
