package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A parameter's L2 term in the training score, {@code 0.5 * l2 * sum(w^2)}: in SIMD lanes
 * ({@link L2Kernel}, blocks of floats added up in double) where the JVM has them, else in double over
 * eight independent accumulators.
 *
 * <p>DL4J's {@code L2Regularization.score} squares ND4J's norm2, which libnd4j sums in one float
 * accumulation chain, an add's latency per element: 4.6% of the MLP benchmark's training loop at batch
 * 128, for a term that is only reported (the score feeds no update). This sum is the more exact of the
 * two: DL4J's float chain drifted 3.7e-5 of the sum over 200,704 weights (tested), a few 1e-7 of a
 * typical loss; the lanes stay within 1e-6 of the exact sum (tested). The weights are the same to the bit either way. The
 * order of the sum is fixed, so the same weights give the same score on every run.
 */
final class L2Score {
  private L2Score() {}

  /** True for what {@link #of} takes: plain L2 (not a subclass) on a contiguous float array. */
  static boolean handles(Regularization regularization, INDArray param) {
    return regularization.getClass() == L2Regularization.class && param.dataType() == DataType.FLOAT
        && Shape.hasDefaultStridesForShape(param) && param.length() < Integer.MAX_VALUE;
  }

  /** What {@code regularization.score(param, iteration, epoch)} computes; call where {@link #handles}. */
  static double of(Regularization regularization, INDArray param, int iteration, int epoch) {
    double coefficient = ((L2Regularization) regularization).getL2().valueAt(iteration, epoch);
    double sum = Simd.available() && Simd.flat(param)
        ? L2Kernel.sumOfSquares(Simd.bytes(param), (int) param.length())
        : sumOfSquares(param.data().asNioFloat(), (int) param.offset(), (int) param.length());
    Reference.reachabilityFence(param); // its memory stays ours until the sums are done (Simd.bytes)
    return 0.5 * coefficient * sum;
  }

  /**
   * DL4J's {@code BaseLayer.calcRegularizationScore} (M2.1) for a layer's {@code params} under
   * {@code config}: every regularization's score term, the L2 ones by {@link #of}.
   */
  static double ofLayer(Map<String, INDArray> params, TrainingConfig config, int iteration, int epoch) {
    double score = 0;
    for (Map.Entry<String, INDArray> param : params.entrySet()) {
      List<Regularization> regularizations = config.getRegularizationByParam(param.getKey());
      if (regularizations == null) {
        continue;
      }
      for (Regularization regularization : regularizations) {
        score += handles(regularization, param.getValue())
            ? of(regularization, param.getValue(), iteration, epoch)
            : regularization.score(param.getValue(), iteration, epoch);
      }
    }
    return score;
  }

  /** Floats are copied out in chunks: a direct buffer's get(i) checks and scopes every read. */
  private static final int CHUNK = 4096;

  static double sumOfSquares(FloatBuffer data, int offset, int length) {
    float[] chunk = new float[Math.min(CHUNK, length)];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (int from = 0; from < length; from += CHUNK) {
      int n = Math.min(CHUNK, length - from);
      data.get(offset + from, chunk, 0, n);
      int i = 0;
      for (; i + 8 <= n; i += 8) { // eight chains, so the adds overlap instead of waiting on each other
        double a0 = chunk[i], a1 = chunk[i + 1], a2 = chunk[i + 2], a3 = chunk[i + 3];
        double a4 = chunk[i + 4], a5 = chunk[i + 5], a6 = chunk[i + 6], a7 = chunk[i + 7];
        s0 += a0 * a0;
        s1 += a1 * a1;
        s2 += a2 * a2;
        s3 += a3 * a3;
        s4 += a4 * a4;
        s5 += a5 * a5;
        s6 += a6 * a6;
        s7 += a7 * a7;
      }
      for (; i < n; i++) {
        double a = chunk[i];
        s0 += a * a;
      }
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
