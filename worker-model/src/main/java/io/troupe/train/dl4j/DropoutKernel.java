package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Inverted dropout's mask, drawn as libnd4j's {@code DropOutInverted} draws it, and applied, in SIMD
 * lanes. libnd4j's generator is counter based: element {@code i}'s number is a hash of {@code i} and the
 * generator's two 64-bit states, of which only the low 32 bits reach the result, so the hash is 32-bit
 * integer arithmetic, lane by lane. The mask is {@code 1/p} where the number is below the retain
 * probability {@code p}, else 0, and the output the input times the mask (DL4J's {@code MulOp}): the
 * same bits as DL4J's three passes. Load only where {@link Simd#available()}.
 */
final class DropoutKernel {
  private static final VectorSpecies<Float> FLOATS = Lanes.FLOATS;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256; // the same shape as FLOATS
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  private static final int[] LANE = {0, 1, 2, 3, 4, 5, 6, 7};
  private static final int ONE_BITS = 0x3f800000;

  private DropoutKernel() {}

  /**
   * {@code mask[i] = number(i) >= p ? 0 : 1/p} and {@code out[i] = in[i] * mask[i]} for {@code i < n},
   * {@code in} and {@code out} possibly the same buffer; {@code root} and {@code node} are the low 32
   * bits of the generator's states.
   */
  static void apply(ByteBuffer in, ByteBuffer mask, ByteBuffer out, int n, int root, int node, float p) {
    float kept = 1.0f / p;
    int nodeTerm = node + 24243287;
    FloatVector keptLanes = FloatVector.broadcast(FLOATS, kept);
    FloatVector zero = FloatVector.zero(FLOATS);
    IntVector lane = IntVector.fromArray(INTS, LANE, 0);
    int i = 0;
    for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
      IntVector counter = lane.add(i + 2);
      IntVector s0 = counter.mul(nodeTerm).or(root);
      IntVector s1 = counter.mul(s0.add(723829)).lanewise(VectorOperators.XOR, node);
      IntVector h = s0.lanewise(VectorOperators.XOR, s1).mul(0x9E3779BB);
      IntVector r = h.lanewise(VectorOperators.LSHL, 5).or(h.lanewise(VectorOperators.LSHR, 27)).mul(5);
      FloatVector number = r.lanewise(VectorOperators.LSHR, 9).or(ONE_BITS).reinterpretAsFloats().sub(1.0f);
      VectorMask<Float> dropped = number.compare(VectorOperators.GE, p);
      FloatVector m = keptLanes.blend(zero, dropped);
      int at = i * Float.BYTES;
      m.intoByteBuffer(mask, at, ORDER);
      FloatVector.fromByteBuffer(FLOATS, in, at, ORDER).mul(m).intoByteBuffer(out, at, ORDER);
    }
    for (; i < n; i++) {
      float m = number(i, root, node) >= p ? 0f : kept;
      int at = i * Float.BYTES;
      mask.putFloat(at, m);
      out.putFloat(at, in.getFloat(at) * m);
    }
  }

  /** libnd4j's {@code RandomGenerator::relativeT<float>(i)}: in [0, 1), 23 random bits. */
  static float number(long i, int root, int node) {
    int counter = (int) (i + 2);
    int s0 = root | counter * (node + 24243287);
    int s1 = node ^ counter * (s0 + 723829);
    int r = Integer.rotateLeft((s0 ^ s1) * 0x9E3779BB, 5) * 5;
    return Float.intBitsToFloat(ONE_BITS | (r >>> 9)) - 1.0f;
  }

  /**
   * libnd4j's {@code RandomGenerator::rewindH(steps)}: the node state after an op that drew {@code steps}
   * numbers (its two 32-bit halves stirred, then the count mixed in).
   */
  static long rewound(long node, long steps) {
    int s0 = (int) node;
    int s1 = (int) (node >>> 32) ^ s0;
    int low = Integer.rotateLeft(s0, 26) ^ s1 ^ (s1 << 9);
    int high = Integer.rotateLeft(s1, 13);
    return ((long) high << 32 | (low & 0xffffffffL)) ^ (steps ^ 0xdeadbeefL);
  }
}
