package io.troupe.data;

import java.util.Random;

/** The hidden linear function y = w.x + b behind {@link SyntheticData#linearTeacher}. */
final class LinearTeacher {
  private final double[] weights;
  private final double bias;

  private LinearTeacher(double[] weights, double bias) {
    this.weights = weights;
    this.bias = bias;
  }

  /** Draws w ~ N(0, 1)^features and b ~ N(0, 1) from {@code seed}. */
  static LinearTeacher draw(int features, long seed) {
    Random rng = new Random(seed);
    double[] w = new double[features];
    for (int j = 0; j < features; j++) {
      w[j] = rng.nextGaussian();
    }
    return new LinearTeacher(w, rng.nextGaussian());
  }

  /** w.x + b for the features {@code x[offset .. offset + features)}. */
  double predict(float[] x, int offset) {
    double y = bias;
    for (int j = 0; j < weights.length; j++) {
      y += weights[j] * x[offset + j];
    }
    return y;
  }
}
