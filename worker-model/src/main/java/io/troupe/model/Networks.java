package io.troupe.model;

import io.troupe.InvalidInputException;
import io.troupe.api.InputLayout;
import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import io.troupe.config.ExperimentSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds a trial's network from whichever source model.type names: Troupe's own MLP and CNN, the
 * user's factory class, or a DL4J configuration or saved model (model.file, with model.overrides).
 * Every network comes back initialised, wrapped as a {@link Network} with the input layout it takes.
 */
public final class Networks {
  static {
    NativeBackend.enableLayerHelpers();
  }

  private Networks() {}

  /**
   * @param updater the trial's updater (train.optimizer with its schedule); the built-in networks and
   *     a factory that starts from {@link NetworkContext#defaults()} use it, a DL4J file keeps its own
   *     unless model.overrides.lr is set
   * @param file where model.file is read (dl4j-json, dl4j-zip); {@link ModelFile#NONE} otherwise
   * @throws InvalidInputException naming the class or file when the network cannot be built
   */
  public static Network build(ExperimentSpec spec, NetworkShape shape, IUpdater updater, long seed, ModelFile file) {
    return switch (spec.model().type()) {
      case MLP, CNN -> Network.of(new MultiLayerNetwork(ModelFactory.build(spec.model(), spec.train(), shape, updater,
          seed)), InputLayout.feedForward().fitTo(shape));
      case FACTORY -> fromFactory(spec, shape, updater, seed);
      case DL4J_JSON, DL4J_ZIP -> Dl4jFiles.build(spec.model(), shape, seed, file);
    };
  }

  /** The layout the spec's network takes its input in (what a saved model of this run needs to be fed). */
  public static InputLayout layout(ExperimentSpec spec, NetworkShape shape, ModelFile file) {
    return switch (spec.model().type()) {
      case MLP, CNN -> InputLayout.feedForward().fitTo(shape);
      case FACTORY -> factoryLayout(UserFactories.instantiate(spec.model().factory()), spec, shape);
      case DL4J_JSON, DL4J_ZIP -> Dl4jFiles.layout(spec.model(), shape, file);
    };
  }

  private static Network fromFactory(ExperimentSpec spec, NetworkShape shape, IUpdater updater, long seed) {
    String name = spec.model().factory();
    NetworkFactory factory = UserFactories.instantiate(name);
    InputLayout layout = factoryLayout(factory, spec, shape);
    Model model;
    try {
      model = factory.build(new NetworkContext(seed, shape, layout, spec.model(), spec.train(), updater));
    } catch (InvalidInputException e) {
      throw e; // a model.params problem, already named
    } catch (RuntimeException | LinkageError e) {
      throw new InvalidInputException("model.factory: " + name + ".build threw " + e, e);
    }
    if (model == null) {
      throw new InvalidInputException("model.factory: " + name + ".build returned null; expected a MultiLayerNetwork"
          + " or a ComputationGraph");
    }
    try {
      return Network.of(model, layout);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("model.factory: " + name + ".build: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new InvalidInputException("model.factory: the network " + name + " built does not initialise: " + e, e);
    }
  }

  private static InputLayout factoryLayout(NetworkFactory factory, ExperimentSpec spec, NetworkShape shape) {
    String name = spec.model().factory();
    InputLayout declared;
    try {
      declared = factory.input(shape, new io.troupe.api.ModelParams(spec.model().params()));
    } catch (InvalidInputException e) {
      throw e; // a model.params problem, already named
    } catch (RuntimeException e) {
      throw new InvalidInputException("model.factory: " + name + ".input threw " + e, e);
    }
    if (declared == null) {
      throw new InvalidInputException("model.factory: " + name + ".input returned null; expected an InputLayout");
    }
    try {
      return declared.fitTo(shape);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("model.factory: " + name + ".input does not fit the data: " + e.getMessage());
    }
  }
}
