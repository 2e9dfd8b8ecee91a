package io.troupe.preflight;

import io.troupe.model.Network;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * Activations with a kink (a corner, like ReLU's at 0), where a numerical gradient whose step
 * crosses it is wrong; DL4J's GradientCheckUtil warns about them once per layer. Only DL4J's own
 * kinked ones are listed: a user's activation is checked as it is, since that is where a bug would be.
 */
final class KinkedActivations {
  private static final Set<Class<? extends IActivation>> KINKED = Set.of(ActivationReLU.class, ActivationReLU6.class,
      ActivationLReLU.class, ActivationRReLU.class, ActivationThresholdedReLU.class, ActivationRectifiedTanh.class,
      ActivationHardTanH.class, ActivationHardSigmoid.class, ActivationSELU.class);

  private KinkedActivations() {}

  /** Their names in the network, e.g. "relu"; empty for a smooth network. */
  static SortedSet<String> in(Network net) {
    SortedSet<String> names = new TreeSet<>();
    for (int i = 0; i < net.units().size(); i++) {
      IActivation activation = activation(net.layer(i).conf().getLayer());
      if (activation != null && KINKED.contains(activation.getClass())) {
        names.add(activation.toString());
      }
    }
    return names;
  }

  /** Puts tanh in place of a kinked activation of {@code conf}. */
  static void smoothOut(Layer conf) {
    IActivation activation = activation(conf);
    if (activation == null || !KINKED.contains(activation.getClass())) {
      return;
    }
    if (conf instanceof BaseLayer base) {
      base.setActivationFn(new ActivationTanH());
    } else if (conf instanceof ActivationLayer layer) {
      layer.setActivationFn(new ActivationTanH());
    }
  }

  private static IActivation activation(Layer conf) {
    return conf instanceof BaseLayer base ? base.getActivationFn()
        : conf instanceof ActivationLayer layer ? layer.getActivationFn() : null;
  }
}
