package io.troupe.train.monitor;

import io.troupe.model.Network;
import io.troupe.model.NetworkUnit;
import java.util.List;
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
  public static double[][] measure(Network net, INDArray probe) {
    List<INDArray> activations = net.activations(probe);
    List<NetworkUnit> units = net.units();
    double[][] out = new double[units.size()][];
    for (int i = 0; i < units.size(); i++) {
      INDArray a = activations.get(i);
      IActivation fn = units.get(i).activation();
      out[i] = new double[] {a.meanNumber().doubleValue(), a.stdNumber().doubleValue(), saturated(a, fn)};
    }
    return out;
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
