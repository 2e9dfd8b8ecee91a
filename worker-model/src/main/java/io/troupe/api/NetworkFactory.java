package io.troupe.api;

import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.api.Model;

/**
 * The user's own network, for {@code model.type: factory} with {@code model.factory: <this class>}.
 * Troupe calls {@link #build} once per trial (and once on the driver, before a sweep starts, to
 * check that the network fits the data), on the executor that trains it, so the class must be on
 * the application's classpath (a jar given to {@code spark-submit --jars} or the launcher's
 * {@code --jars}) and have a public no-argument constructor.
 *
 * <p>Example, a residual MLP as a {@code ComputationGraph}:
 *
 * <pre>{@code
 * public final class ResidualMlp implements NetworkFactory {
 *   public Model build(NetworkContext ctx) {
 *     int width = ctx.params().getInt("width", 256);
 *     ComputationGraphConfiguration conf = ctx.defaults().graphBuilder()
 *         .addInputs("in").setInputTypes(ctx.inputType())
 *         .addLayer("stem", new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build(), "in")
 *         .addLayer("block", new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build(), "stem")
 *         .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "stem", "block")
 *         .addLayer("out", ctx.outputLayer().build(), "sum")
 *         .setOutputs("out").build();
 *     return new ComputationGraph(conf);
 *   }
 * }
 * }</pre>
 */
public interface NetworkFactory {

  /**
   * How the network wants its input, given the data's shape and the trial's {@code model.params}
   * (where an image size or a number of time steps may be set). The default gives every example as
   * one flat vector ({@link InputLayout#feedForward()}), which a network built with
   * {@code InputType.convolutionalFlat} also takes; images as [channels, height, width] come with
   * {@link InputLayout#convolutional()}, sequences with {@link InputLayout#recurrent(int)}.
   */
  default InputLayout input(NetworkShape data, ModelParams params) {
    return InputLayout.feedForward();
  }

  /**
   * A new network for one trial: a {@code MultiLayerNetwork} or a {@code ComputationGraph} with one
   * input and one output of width {@code context.data().outputs()}, built with
   * {@code context.seed()} (use {@link NetworkContext#defaults()}, which sets it). Troupe calls
   * {@code init()} if the network is not initialised yet. Throwing fails the trial (and, on the
   * driver's check, the whole command, naming this class).
   */
  Model build(NetworkContext context);
}
