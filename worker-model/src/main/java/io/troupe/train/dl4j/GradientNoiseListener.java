package io.troupe.train.dl4j;

import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds {@link GradientNoise annealed Gaussian noise} to the trainable gradients (not batch-norm
 * running statistics, see {@link TrainableGradients}) in
 * {@link #onGradientCalculation}, i.e. before DL4J divides by the minibatch size, normalises or
 * clips the gradient, adds L1/L2 and runs the updater. The noise is scaled so that after DL4J's
 * minibatch division the averaged gradient carries exactly variance
 * {@link GradientNoise#variance} per element.
 *
 * <p>The noise comes from this listener's own ND4J generator, reseeded every iteration from
 * (seed, iteration), so it does not depend on other users of {@code Nd4j.getRandom()}, nor on
 * whether training was restored from a checkpoint in between.
 */
public final class GradientNoiseListener extends BaseTrainingListener implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double eta;
  private final double gamma;
  private final long seed;
  // Native generator: not serialisable, recreated lazily after deserialisation.
  private transient Random rng;

  /** Noise with initial variance {@code eta} (0 = off), annealing exponent {@code gamma}. */
  public GradientNoiseListener(double eta, double gamma, long seed) {
    GradientNoise.check(eta, gamma);
    this.eta = eta;
    this.gamma = gamma;
    this.seed = seed;
  }

  @Override
  public void onGradientCalculation(Model model) {
    if (eta == 0) {
      return;
    }
    long iteration = BaseOptimizer.getIterationCount(model);
    Gradient gradient = model.gradient();
    if (gradient == null || gradient.gradient() == null) {
      throw new IllegalStateException("model has no gradient in onGradientCalculation");
    }
    double sd = Math.sqrt(GradientNoise.variance(eta, gamma, iteration)) * batchScale(model);
    Random generator = generatorFor(iteration);
    // Per trainable variable (views into the flat gradient), skipping batch-norm running statistics.
    for (INDArray view : TrainableGradients.of(gradient)) {
      INDArray noise = Nd4j.createUninitialized(view.dataType(), view.shape(), view.ordering());
      Nd4j.randn(0.0, sd, noise, generator);
      view.addi(noise);
    }
  }

  // DL4J's gradient here is the SUM over the minibatch; with miniBatch=true (the default) the
  // updater divides it by the batch size afterwards, so pre-multiply to keep sigma_t exact.
  private static double batchScale(Model model) {
    return model.conf() != null && model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1;
  }

  private Random generatorFor(long iteration) {
    if (rng == null) {
      rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }
    rng.setSeed(mix(seed, iteration));
    return rng;
  }

  // SplitMix64 finaliser, so nearby (seed, iteration) pairs give unrelated streams.
  static long mix(long seed, long iteration) {
    long z = seed + 0x9E3779B97F4A7C15L * (iteration + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "GradientNoiseListener(eta=" + eta + ", gamma=" + gamma + ", seed=" + seed + ")";
  }
}
