package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's element-wise step in SIMD lanes (the JDK's incubating Vector API) over native float
 * buffers, in place: m and v become the new moments and g the update. Each lane does exactly the
 * scalar tail's IEEE operations (no fused multiply-add), so the result does not depend on the
 * machine's vector width. Only loaded when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class AdamKernel {
  private static final VectorSpecies<Float> SPECIES = Lanes.FLOATS;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private AdamKernel() {}

  static void step(ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, float beta1, float beta2, float epsilon,
      float stepSize) {
    stepFused(g, m, v, 0, n, 1f, null, 0f, beta1, beta2, epsilon, stepSize);
  }

  /**
   * {@link #step} over {@code n} values from {@code from}, each gradient first made as DL4J's updater
   * makes it: divided by {@code divisor} (the minibatch size; 1 for none), then {@code l2} times the
   * parameter added (DL4J's L2 {@code Axpy}; 0 for none) from {@code params}, which holds these
   * {@code n} parameters from its start. One pass where DL4J makes three, with the same IEEE operations in the same order.
   */
  static void stepFused(ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int n, float divisor, ByteBuffer params,
      float l2, float beta1, float beta2, float epsilon, float stepSize) {
    boolean divide = divisor != 1f;
    boolean decay = l2 != 0f;
    float oneMinusBeta1 = 1 - beta1;
    float oneMinusBeta2 = 1 - beta2;
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
      int at = (from + i) * Float.BYTES;
      FloatVector gi = FloatVector.fromByteBuffer(SPECIES, g, at, ORDER);
      if (divide) {
        gi = gi.div(divisor);
      }
      if (decay) {
        gi = FloatVector.fromByteBuffer(SPECIES, params, i * Float.BYTES, ORDER).mul(l2).add(gi);
      }
      FloatVector mi = FloatVector.fromByteBuffer(SPECIES, m, at, ORDER).mul(beta1).add(gi.mul(oneMinusBeta1));
      FloatVector vi = FloatVector.fromByteBuffer(SPECIES, v, at, ORDER).mul(beta2).add(gi.mul(gi).mul(oneMinusBeta2));
      mi.intoByteBuffer(m, at, ORDER);
      vi.intoByteBuffer(v, at, ORDER);
      mi.mul(stepSize).div(vi.lanewise(VectorOperators.SQRT).add(epsilon)).intoByteBuffer(g, at, ORDER);
    }
    for (; i < n; i++) {
      int at = (from + i) * Float.BYTES;
      float gi = g.getFloat(at);
      if (divide) {
        gi = gi / divisor;
      }
      if (decay) {
        gi = l2 * params.getFloat(i * Float.BYTES) + gi;
      }
      float mi = beta1 * m.getFloat(at) + gi * oneMinusBeta1;
      float vi = beta2 * v.getFloat(at) + gi * gi * oneMinusBeta2;
      m.putFloat(at, mi);
      v.putFloat(at, vi);
      g.putFloat(at, mi * stepSize / ((float) Math.sqrt(vi) + epsilon));
    }
  }
}
