package io.troupe.model;

import io.troupe.config.ModelSpec;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The config's hidden activation as a DL4J activation function. */
final class Activations {
  private Activations() {}

  static IActivation hidden(ModelSpec model) {
    return switch (model.activation()) {
      case SIGMOID -> new ActivationSigmoid();
      case TANH -> new ActivationTanH();
      case RELU -> new ActivationReLU();
      case LEAKY_RELU -> new ActivationLReLU(model.leakyReluSlope());
      case ELU -> new ActivationELU(model.eluAlpha());
      case IDENTITY -> new ActivationIdentity();
    };
  }
}
