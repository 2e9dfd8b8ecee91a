package io.troupe.testing.nets;

import io.troupe.api.InputLayout;
import io.troupe.api.ModelParams;
import io.troupe.api.NetworkContext;
import io.troupe.api.NetworkFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/** An LSTM over examples read as {@code model.params.timeSteps} steps (default 4), classified from the last step. */
public final class SequenceNet implements NetworkFactory {
  @Override
  public InputLayout input(NetworkShape data, ModelParams params) {
    return InputLayout.recurrent(params.getInt("timeSteps", 4));
  }

  @Override
  public Model build(NetworkContext ctx) {
    return new ComputationGraph(ctx.defaults().graphBuilder()
        .addInputs("in").setInputTypes(ctx.inputType())
        .addLayer("lstm", new LSTM.Builder().nOut(8).activation(Activation.TANH).build(), "in")
        .addVertex("last", new LastTimeStepVertex("in"), "lstm")
        .addLayer("out", ctx.outputLayer().build(), "last")
        .setOutputs("out").build());
  }
}
