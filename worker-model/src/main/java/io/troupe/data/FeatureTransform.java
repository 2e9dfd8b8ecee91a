package io.troupe.data;

import io.troupe.InvalidInputException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-feature affine scaling applied when rows are fed to a network:
 * {@code value = (raw - offset[j]) * scale[j]}, in the units of the raw features (pixels 0..255).
 *
 * <p>Always fitted on the training part only: statistics taken from validation or test data
 * would leak information about the held-out examples into training and make their scores
 * optimistic. The same fitted transform is then applied, unchanged, to every part.
 */
public final class FeatureTransform implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Scaling mode;
  private final float[] offset;
  private final float[] scale;

  private FeatureTransform(Scaling mode, float[] offset, float[] scale) {
    this.mode = mode;
    this.offset = offset;
    this.scale = scale;
  }

  /** Leaves raw values unchanged. */
  public static FeatureTransform identity(int numFeatures) {
    return constant(Scaling.NONE, numFeatures, 0f, 1f);
  }

  /**
   * Fits {@code mode} on {@code train}: NONE is the identity; UNIT maps pixels by 1/255 and float
   * features min-max to [0, 1] (a constant feature gets scale 1); STANDARDIZE subtracts the mean
   * and divides by the standard deviation (a constant feature gets scale 1).
   */
  public static FeatureTransform fit(Scaling mode, Dataset train) {
    Objects.requireNonNull(mode, "mode");
    if (train.size() == 0) {
      throw new InvalidInputException(train.name() + ": cannot fit " + mode
          + " scaling on an empty training set");
    }
    if (mode == Scaling.NONE || (mode == Scaling.UNIT && train.isByteFeatures())) {
      return fitPieces(mode, train.isByteFeatures(), train.numFeatures(), null, null);
    }
    return fitPieces(mode, train.isByteFeatures(), train.numFeatures(), FeatureSums.of(train),
        mean -> FeatureSums.squaredDeviations(train, mean));
  }

  /**
   * Fits {@code mode} on a training part held in pieces (partitions on several executors), as
   * {@link #fit} does on the whole: {@code sums} are the pieces' {@link FeatureSums} added up, and
   * {@code squaredDeviations} adds up {@link FeatureSums#squaredDeviations} over the pieces for
   * the given means (asked only for STANDARDIZE, which needs a second pass). NONE, and UNIT on
   * pixels, need neither: {@code features} says how many.
   */
  public static FeatureTransform fitPieces(Scaling mode, boolean byteFeatures, int features, FeatureSums sums,
      java.util.function.Function<double[], double[]> squaredDeviations) {
    Objects.requireNonNull(mode, "mode");
    return switch (mode) {
      case NONE -> identity(features);
      case UNIT -> byteFeatures ? constant(mode, features, 0f, 1f / 255f) : range(sums.min(), sums.max());
      case STANDARDIZE -> {
        int d = sums.features();
        double[] mean = sums.mean();
        double[] sq = squaredDeviations.apply(mean);
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
          std[j] = Math.sqrt(sq[j] / sums.rows());
        }
        yield moments(mean, std);
      }
    };
  }

  /** Writes row {@code row} of {@code d}, transformed, into {@code dst[dstOffset ..]}. */
  public void apply(Dataset d, int row, float[] dst, int dstOffset) {
    if (d.numFeatures() != offset.length) {
      throw new IllegalArgumentException(d.name() + " has " + d.numFeatures()
          + " features, but this transform was fitted on " + offset.length);
    }
    d.copyScaledFeatures(row, offset, scale, dst, dstOffset);
  }

  public Scaling mode() {
    return mode;
  }

  public int numFeatures() {
    return offset.length;
  }

  /** Subtracted from raw feature {@code j}, in raw units. */
  public float offset(int j) {
    return offset[j];
  }

  /** Multiplies raw feature {@code j} after the offset is subtracted. */
  public float scale(int j) {
    return scale[j];
  }

  @Override
  public String toString() {
    return "FeatureTransform(" + mode + ", " + offset.length + " features)";
  }

  private static FeatureTransform constant(Scaling mode, int n, float offset, float scale) {
    float[] o = new float[n];
    float[] s = new float[n];
    Arrays.fill(o, offset);
    Arrays.fill(s, scale);
    return new FeatureTransform(mode, o, s);
  }

  private static FeatureTransform range(float[] min, float[] max) {
    int d = min.length;
    float[] scale = new float[d];
    for (int j = 0; j < d; j++) {
      scale[j] = max[j] > min[j] ? (float) (1.0 / ((double) max[j] - min[j])) : 1f;
    }
    return new FeatureTransform(Scaling.UNIT, min.clone(), scale);
  }

  private static FeatureTransform moments(double[] mean, double[] std) {
    float[] offset = new float[mean.length];
    float[] scale = new float[mean.length];
    for (int j = 0; j < mean.length; j++) {
      offset[j] = (float) mean[j];
      scale[j] = std[j] > 0 ? (float) (1.0 / std[j]) : 1f;
    }
    return new FeatureTransform(Scaling.STANDARDIZE, offset, scale);
  }
}
