package io.troupe.data;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic datasets for tests and smoke runs, with float features. The same arguments
 * give bit-identical data on every JVM: java.util.Random's algorithms (including nextGaussian)
 * are fixed by its specification. Train and test come from one distribution with different
 * derived seeds.
 */
public final class SyntheticData {
  // Independent sub-streams of the user's seed.
  private static final long MODEL_STREAM = 0;
  private static final long TRAIN_STREAM = 1;
  private static final long TEST_STREAM = 2;

  private SyntheticData() {}

  /**
   * Gaussian blobs: class centers uniform in [-5, 5]^features, examples = center + clusterStd *
   * N(0, 1) per feature. Labels are balanced round-robin (example i has class i % classes).
   */
  public static SourceData blobs(int trainSize, int testSize, int features, int classes,
      double clusterStd, long seed) {
    List<String> problems = sizeProblems("blobs", trainSize, testSize, features);
    if (classes < 1) {
      problems.add("blobs: classes must be >= 1, got " + classes);
    }
    requireNonNegative("blobs: clusterStd", clusterStd, problems);
    throwIfAny(problems);
    double[][] centers = centers(classes, features, Seeds.derive(seed, MODEL_STREAM));
    String name = "blobs(seed=" + seed + ")";
    return new SourceData(
        blobSample(name + "/train", centers, trainSize, clusterStd,
            Seeds.derive(seed, TRAIN_STREAM)),
        blobSample(name + "/test", centers, testSize, clusterStd,
            Seeds.derive(seed, TEST_STREAM)));
  }

  /**
   * Regression: x ~ N(0, 1)^features, y = w.x + b + noiseStd * N(0, 1), with w ~ N(0, 1)^features
   * and b ~ N(0, 1) drawn from the seed.
   */
  public static SourceData linearTeacher(int trainSize, int testSize, int features,
      double noiseStd, long seed) {
    List<String> problems = sizeProblems("linearTeacher", trainSize, testSize, features);
    requireNonNegative("linearTeacher: noiseStd", noiseStd, problems);
    throwIfAny(problems);
    LinearTeacher teacher = teacher(features, seed);
    String name = "linear-teacher(seed=" + seed + ")";
    return new SourceData(
        teacherSample(name + "/train", teacher, trainSize, features, noiseStd,
            Seeds.derive(seed, TRAIN_STREAM)),
        teacherSample(name + "/test", teacher, testSize, features, noiseStd,
            Seeds.derive(seed, TEST_STREAM)));
  }

  /** The teacher behind {@link #linearTeacher} for this seed (for tests). */
  static LinearTeacher teacher(int features, long seed) {
    return LinearTeacher.draw(features, Seeds.derive(seed, MODEL_STREAM));
  }

  private static double[][] centers(int classes, int features, long seed) {
    Random rng = new Random(seed);
    double[][] centers = new double[classes][features];
    for (double[] center : centers) {
      for (int j = 0; j < features; j++) {
        center[j] = -5 + 10 * rng.nextDouble();
      }
    }
    return centers;
  }

  private static Dataset blobSample(String name, double[][] centers, int n, double std,
      long seed) {
    Random rng = new Random(seed);
    int d = centers[0].length;
    float[] x = new float[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % centers.length;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centers[labels[i]][j] + std * rng.nextGaussian());
      }
    }
    return Dataset.ofFloats(name, new int[] {d}, x, labels, centers.length);
  }

  private static Dataset teacherSample(String name, LinearTeacher teacher, int n, int d,
      double noiseStd, long seed) {
    Random rng = new Random(seed);
    float[] x = new float[n * d];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) rng.nextGaussian();
      }
      y[i] = (float) (teacher.predict(x, i * d) + noiseStd * rng.nextGaussian());
    }
    return Dataset.ofFloatsRegression(name, new int[] {d}, x, y);
  }

  private static List<String> sizeProblems(String what, int trainSize, int testSize,
      int features) {
    List<String> problems = new ArrayList<>();
    if (trainSize < 1 || testSize < 1 || features < 1) {
      problems.add(what + ": trainSize, testSize and features must be >= 1, got " + trainSize
          + ", " + testSize + ", " + features);
    } else if ((long) Math.max(trainSize, testSize) * features > Integer.MAX_VALUE - 8) {
      problems.add(what + ": " + Math.max(trainSize, testSize) + " examples x " + features
          + " features is too large for one array");
    }
    return problems;
  }

  private static void requireNonNegative(String what, double value, List<String> problems) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      problems.add(what + " must be a finite number >= 0, got " + value);
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
