package io.troupe.train.monitor;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Per-layer activation statistics on a fixed probe batch, in inference mode (seed 002: "per-layer
 * activations: magnitude, center, breadth"): mean, standard deviation and the share of units in a
 * flat region of their non-linearity.
 */
public final class ActivationProbe {
  private ActivationProbe() {}

  /** One {mean, std, saturated} triple per layer; saturated is NaN where it does not apply. */
  public static double[][] measure(MultiLayerNetwork net, INDArray probe) {
    List<INDArray> activations = net.feedForward(probe, false);
    int layers = net.getnLayers();
    double[][] out = new double[layers][];
    for (int i = 0; i < layers; i++) {
      INDArray a = activations.get(i + 1);
      IActivation fn = activationOf(net, i);
      out[i] = new double[] {a.meanNumber().doubleValue(), a.stdNumber().doubleValue(), saturated(a, fn)};
    }
    return out;
  }

  private static IActivation activationOf(MultiLayerNetwork net, int layer) {
    Object conf = net.getLayer(layer).conf().getLayer();
    if (conf instanceof BaseLayer base) {
      return base.getActivationFn();
    }
    if (conf instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer act) {
      return act.getActivationFn();
    }
    return null;
  }

  static double saturated(INDArray a, IActivation fn) {
    long n = a.length();
    if (fn instanceof ActivationSigmoid) {
      return (count(a, Conditions.lessThan(0.01)) + count(a, Conditions.greaterThan(0.99))) / (double) n;
    }
    if (fn instanceof ActivationTanH) {
      return (count(a, Conditions.lessThan(-0.99)) + count(a, Conditions.greaterThan(0.99))) / (double) n;
    }
    if (fn instanceof ActivationReLU || fn instanceof ActivationLReLU) {
      return count(a, Conditions.lessThanOrEqual(0)) / (double) n;
    }
    if (fn instanceof ActivationELU elu) {
      return count(a, Conditions.lessThanOrEqual(-0.99 * elu.getAlpha())) / (double) n;
    }
    return Double.NaN;
  }

  private static long count(INDArray a, org.nd4j.linalg.indexing.conditions.Condition c) {
    return a.scan(c).longValue();
  }
}
