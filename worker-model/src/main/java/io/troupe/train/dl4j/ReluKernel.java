package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ReLU and its backprop in SIMD lanes, element for element what libnd4j computes: forward
 * {@code x < 0 ? 0 : x} (its scalar {@code relu} op, so -0 and NaN pass through), backward
 * {@code x > 0 ? g : 0} (its {@code relu_bp}). Load only where {@link Simd#available()}.
 */
final class ReluKernel {
  private static final VectorSpecies<Float> FLOATS = Lanes.FLOATS;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private ReluKernel() {}

  static void forward(ByteBuffer x, ByteBuffer out, int length) {
    FloatVector zero = FloatVector.zero(FLOATS);
    int i = 0;
    for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
      int at = i * Float.BYTES;
      FloatVector xi = FloatVector.fromByteBuffer(FLOATS, x, at, ORDER);
      xi.blend(zero, xi.compare(VectorOperators.LT, 0f)).intoByteBuffer(out, at, ORDER);
    }
    for (; i < length; i++) {
      int at = i * Float.BYTES;
      float xi = x.getFloat(at);
      out.putFloat(at, xi < 0 ? 0f : xi);
    }
  }

  static void backward(ByteBuffer x, ByteBuffer g, ByteBuffer out, int length) {
    FloatVector zero = FloatVector.zero(FLOATS);
    int i = 0;
    for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
      int at = i * Float.BYTES;
      FloatVector xi = FloatVector.fromByteBuffer(FLOATS, x, at, ORDER);
      FloatVector gi = FloatVector.fromByteBuffer(FLOATS, g, at, ORDER);
      zero.blend(gi, xi.compare(VectorOperators.GT, 0f)).intoByteBuffer(out, at, ORDER);
    }
    for (; i < length; i++) {
      int at = i * Float.BYTES;
      out.putFloat(at, x.getFloat(at) > 0 ? g.getFloat(at) : 0f);
    }
  }
}
