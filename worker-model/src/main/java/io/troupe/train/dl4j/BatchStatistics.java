package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * A batch's mean and (population) variance per channel, as batch norm needs them in training: over
 * dimensions 0, 2, 3 of an NCHW activation, or over dimension 0 of a [batch, features] one.
 *
 * <p>ND4J computes these with its generic reduction over three non-adjacent axes, 15% of the CNN
 * benchmark's training loop. Here each channel's plane of each example is a contiguous run of floats,
 * read twice (its sum, then its squared deviations from its own mean): in SIMD lanes of floats added
 * up in double ({@link BatchNormKernel}) where the JVM has them, else in double accumulators; the
 * planes are then combined exactly (Chan et al.'s pairwise update), so the variance is as robust as a
 * two-pass one over the whole channel, whatever the mean. The order of every sum is fixed: the same
 * batch gives the same numbers on every run.
 */
final class BatchStatistics {
  private BatchStatistics() {}

  /** True for what {@link #compute} takes: float, c-ordered with default strides, rank 2 or 4. */
  static boolean handles(INDArray x) {
    return x.dataType() == DataType.FLOAT && (x.rank() == 2 || x.rank() == 4) && x.ordering() == 'c'
        && Shape.hasDefaultStridesForShape(x) && x.length() < Integer.MAX_VALUE;
  }

  /**
   * Writes each channel's mean and variance into {@code mean} and {@code var} (length = channels).
   * {@code x} is NCHW [n, c, h, w] or [n, c]; call only where {@link #handles} is true.
   */
  static void compute(INDArray x, INDArray mean, INDArray var) {
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int plane = (int) (x.length() / ((long) n * c));
    FloatBuffer data = x.data().asNioFloat();
    int offset = (int) x.offset();
    double[] means = new double[c];
    double[] m2 = new double[c];
    if (plane == 1) {
      columns(data, offset, n, c, means, m2);
    } else {
      planes(x, data, offset, n, c, plane, means, m2);
    }
    long count = (long) n * plane;
    for (int ch = 0; ch < c; ch++) {
      mean.putScalar(ch, means[ch]);
      var.putScalar(ch, m2[ch] / count);
    }
  }

  /** [n, c] rows: each column's mean, then its squared deviations, row by row (contiguous reads). */
  private static void columns(FloatBuffer data, int offset, int n, int c, double[] means, double[] m2) {
    for (int r = 0; r < n; r++) {
      int base = offset + r * c;
      for (int ch = 0; ch < c; ch++) {
        means[ch] += data.get(base + ch);
      }
    }
    for (int ch = 0; ch < c; ch++) {
      means[ch] /= n;
    }
    for (int r = 0; r < n; r++) {
      int base = offset + r * c;
      for (int ch = 0; ch < c; ch++) {
        double d = data.get(base + ch) - means[ch];
        m2[ch] += d * d;
      }
    }
  }

  /**
   * NCHW: each (example, channel) plane's mean and sum of squared deviations, combined per channel:
   * M2 = sum of the planes' M2 + plane * sum of (plane mean - channel mean)^2.
   */
  private static void planes(INDArray x, FloatBuffer data, int offset, int n, int c, int plane, double[] means,
      double[] m2) {
    double[] planeMean = new double[n * c];
    double[] planeM2 = new double[n * c];
    if (Simd.available()) { // the same two passes in SIMD lanes (BatchNormKernel)
      ByteBuffer bytes = Simd.bytes(x);
      for (int p = 0; p < n * c; p++) {
        double mu = BatchNormKernel.sum(bytes, p * plane, plane) / plane;
        planeMean[p] = mu;
        planeM2[p] = BatchNormKernel.squaredDeviations(bytes, p * plane, plane, mu);
      }
      Reference.reachabilityFence(x); // its memory stays ours until the kernel is done (Simd.bytes)
    } else {
      for (int p = 0; p < n * c; p++) {
        int base = offset + p * plane;
        double mu = sum(data, base, plane) / plane;
        planeMean[p] = mu;
        planeM2[p] = squaredDeviations(data, base, plane, mu);
      }
    }
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      for (int e = 0; e < n; e++) {
        s += planeMean[e * c + ch];
      }
      double mu = s / n;
      double total = 0;
      for (int e = 0; e < n; e++) {
        double d = planeMean[e * c + ch] - mu;
        total += planeM2[e * c + ch] + plane * d * d;
      }
      means[ch] = mu;
      m2[ch] = total;
    }
  }

  /** Four accumulators, so the adds do not wait on one another. */
  static double sum(FloatBuffer data, int base, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += data.get(base + i);
      s1 += data.get(base + i + 1);
      s2 += data.get(base + i + 2);
      s3 += data.get(base + i + 3);
    }
    for (; i < length; i++) {
      s0 += data.get(base + i);
    }
    return (s0 + s1) + (s2 + s3);
  }

  static double squaredDeviations(FloatBuffer data, int base, int length, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      double d0 = data.get(base + i) - mu;
      double d1 = data.get(base + i + 1) - mu;
      double d2 = data.get(base + i + 2) - mu;
      double d3 = data.get(base + i + 3) - mu;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < length; i++) {
      double d = data.get(base + i) - mu;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }
}
