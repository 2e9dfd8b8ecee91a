package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of squares of a float buffer in SIMD lanes: blocks of 256 floats are squared and summed in
 * eight float lanes (32 adds a lane), and each block's lanes are added in double in lane order, so the
 * sum stays within a few 1e-7 of the exact one and is the same on every machine and run. Load only
 * where {@link Simd#available()}.
 */
final class L2Kernel {
  private static final VectorSpecies<Float> LANES = Lanes.FLOATS;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  private static final int BLOCK = 256;

  private L2Kernel() {}

  static double sumOfSquares(ByteBuffer w, int length) {
    float[] lanes = new float[LANES.length()];
    double total = 0;
    int i = 0;
    for (int blocks = length / BLOCK * BLOCK; i < blocks; ) {
      FloatVector acc = FloatVector.zero(LANES);
      for (int end = i + BLOCK; i < end; i += LANES.length()) {
        FloatVector v = FloatVector.fromByteBuffer(LANES, w, i * Float.BYTES, ORDER);
        acc = acc.add(v.mul(v));
      }
      acc.intoArray(lanes, 0);
      for (float lane : lanes) {
        total += lane;
      }
    }
    for (; i < length; i++) {
      double v = w.getFloat(i * Float.BYTES);
      total += v * v;
    }
    return total;
  }
}
