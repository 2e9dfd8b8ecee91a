package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Batch norm's training passes over an NCHW activation in SIMD lanes ({@link BatchNormKernel}), over
 * contiguous (example, channel) planes: the normalisation from the batch's statistics, and the
 * backprop.
 *
 * <p>libnd4j's {@code batchnorm_bp} runs oneDNN's backward with the statistics taken as fixed and then
 * adds their terms with ND4J's generic broadcasts and reductions, about ten passes over the activation
 * and a quarter of the CNN benchmark's loop. The backprop here is two passes: each channel's sum of g
 * and of g * (x - mean), added up in double, then the input gradient
 * <pre>  dx = gamma / s * (g - sum(g) / N - (x - mean) / s^2 * sum(g * (x - mean)) / N),  s = sqrt(var + eps)</pre>
 * with dgamma = sum(g * (x - mean)) / s and dbeta = sum(g). The same textbook gradient as libnd4j's,
 * summed in another order: not bit-identical to it (tested to 1e-4 of the largest), the same from run
 * to run and on any vector width.
 */
final class BatchNormTraining {
  private BatchNormTraining() {}

  /**
   * Training's normalisation, y = (x - mean) * (gamma / s) + beta with s = sqrt(var + eps), into
   * {@code y} (x's shape, default strides); {@code gamma} and {@code beta} null mean 1 and 0. oneDNN's
   * plain-layout kernel took 5% of the CNN benchmark's loop; this is the same formula with the scale
   * folded per channel (within a float rounding of it, tested).
   */
  static void normalize(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta, double eps,
      INDArray y) {
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int plane = (int) (x.length() / ((long) n * c));
    ByteBuffer xs = Simd.bytes(x);
    ByteBuffer ys = Simd.bytes(y);
    float[] mu = new float[c];
    float[] k = new float[c];
    float[] shift = new float[c];
    for (int ch = 0; ch < c; ch++) {
      mu[ch] = mean.getFloat(ch);
      k[ch] = (float) ((gamma == null ? 1 : gamma.getDouble(ch)) / Math.sqrt(var.getDouble(ch) + eps));
      shift[ch] = beta == null ? 0f : beta.getFloat(ch);
    }
    for (int p = 0; p < n * c; p++) {
      int ch = p % c;
      BatchNormKernel.normalize(xs, ys, p * plane, plane, mu[ch], k[ch], shift[ch]);
    }
    Reference.reachabilityFence(x); // the byte views do not keep the arrays' memory (Simd.bytes)
    Reference.reachabilityFence(y);
  }

  /** True where {@link #compute} applies: SIMD lanes available, x and g float NCHW with default strides. */
  static boolean handles(INDArray x, INDArray g) {
    return Simd.available() && x.rank() == 4 && BatchStatistics.handles(x) && BatchStatistics.handles(g)
        && Shape.shapeEquals(x.shape(), g.shape());
  }

  /**
   * Writes the input gradient into {@code dx} (x's shape, default strides) and, when given, the
   * parameters' gradients into {@code dGamma} and {@code dBeta} (one value a channel). {@code gamma}
   * null means a scale of 1.
   */
  static void compute(INDArray x, INDArray g, INDArray mean, INDArray var, INDArray gamma, double eps, INDArray dx,
      INDArray dGamma, INDArray dBeta) {
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int plane = (int) (x.length() / ((long) n * c));
    long count = (long) n * plane;
    ByteBuffer xs = Simd.bytes(x);
    ByteBuffer gs = Simd.bytes(g);
    ByteBuffer dxs = Simd.bytes(dx);
    double[] mu = new double[c];
    double[][] sums = new double[c][2];
    for (int ch = 0; ch < c; ch++) {
      mu[ch] = mean.getFloat(ch);
    }
    for (int p = 0; p < n * c; p++) { // planes in memory order
      BatchNormKernel.gradientSums(xs, gs, p * plane, plane, (float) mu[p % c], sums[p % c]);
    }
    float[] k = new float[c];
    float[] b = new float[c];
    float[] c0 = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double invStd = 1 / Math.sqrt(var.getDouble(ch) + eps);
      double scaled = (gamma == null ? 1 : gamma.getDouble(ch)) * invStd;
      k[ch] = (float) scaled;
      b[ch] = (float) (-scaled * invStd * invStd * sums[ch][1] / count);
      c0[ch] = (float) (-scaled * sums[ch][0] / count);
      if (dGamma != null) {
        dGamma.putScalar(ch, sums[ch][1] * invStd);
      }
      if (dBeta != null) {
        dBeta.putScalar(ch, sums[ch][0]);
      }
    }
    for (int p = 0; p < n * c; p++) {
      int ch = p % c;
      BatchNormKernel.inputGradient(xs, gs, dxs, p * plane, plane, (float) mu[ch], k[ch], b[ch], c0[ch]);
    }
    Reference.reachabilityFence(x); // the byte views do not keep the arrays' memory (Simd.bytes)
    Reference.reachabilityFence(g);
    Reference.reachabilityFence(dx);
  }
}
