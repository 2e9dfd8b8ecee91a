package io.troupe.train.monitor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.troupe.train.dl4j.TrainableGradients;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples, every k iterations, the whole raw gradient's L2 norm and each layer's update:weight
 * ratio |update W| / |W| (seed 002: "want this to be somewhere around 0.001"). DL4J turns the
 * gradient into the update in place before applying it, so at {@code iterationDone} the gradient
 * view holds the update that was just subtracted from the weights.
 */
public final class UpdateRatioMonitor extends BaseTrainingListener {
  private final int every;
  private final List<String> weightKeys;
  private final double[] ratioSums;
  private double gradientNormSum;
  private int gradientSamples;
  private int ratioSamples;
  private boolean sampling;

  /** @param weightKeys DL4J gradient keys of the weight matrices, e.g. "0_W", one per layer slot */
  public UpdateRatioMonitor(int every, List<String> weightKeys) {
    this.every = every;
    // Null entries mark layers without weights (batch norm, pooling), so no List.copyOf here.
    this.weightKeys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(weightKeys));
    this.ratioSums = new double[weightKeys.size()];
  }

  @Override
  public void onGradientCalculation(Model model) {
    sampling = org.deeplearning4j.optimize.solvers.BaseOptimizer.getIterationCount(model) % every == 0;
    if (sampling) {
      // DL4J's gradient here is summed over the mini-batch; report the mean gradient's norm.
      gradientNormSum += TrainableGradients.norm2(model.gradient()) / Math.max(1, model.batchSize());
      gradientSamples++;
    }
  }

  @Override
  public void iterationDone(Model model, int iteration, int epoch) {
    if (!sampling) {
      return;
    }
    Gradient update = model.gradient();
    Map<String, INDArray> params = model.paramTable();
    Map<String, INDArray> updates = update.gradientForVariable();
    for (int i = 0; i < weightKeys.size(); i++) {
      String key = weightKeys.get(i);
      if (key == null || !updates.containsKey(key)) {
        continue;
      }
      double weightNorm = params.get(key).norm2Number().doubleValue();
      double updateNorm = updates.get(key).norm2Number().doubleValue();
      ratioSums[i] += weightNorm > 0 ? updateNorm / weightNorm : Double.NaN;
    }
    ratioSamples++;
    sampling = false;
  }

  /** Mean ratios per layer slot since the last reset (NaN for slots without weights). */
  public double[] meanRatios() {
    double[] out = new double[ratioSums.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = weightKeys.get(i) == null || ratioSamples == 0 ? Double.NaN : ratioSums[i] / ratioSamples;
    }
    return out;
  }

  public double meanGradientNorm() {
    return gradientSamples == 0 ? Double.NaN : gradientNormSum / gradientSamples;
  }

  /** Starts a new epoch's averages. */
  public void reset() {
    Arrays.fill(ratioSums, 0);
    gradientNormSum = 0;
    gradientSamples = 0;
    ratioSamples = 0;
  }
}
