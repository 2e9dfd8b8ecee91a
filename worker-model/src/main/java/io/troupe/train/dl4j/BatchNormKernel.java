package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch norm's sums over one contiguous plane of an NCHW activation, and its input gradient, in SIMD
 * lanes. The sums run in eight float lanes (element i in lane i mod 8), which are then added in double
 * in lane order; planes are short (at most a few thousand floats), so each lane adds a few hundred
 * floats at most. The input gradient is element-wise in float with no fused multiply-add. The lanes
 * are {@link Lanes#FLOATS} on every machine, so the numbers do not depend on its vector width. Load
 * only where {@link Simd#available()}.
 */
final class BatchNormKernel {
  private static final VectorSpecies<Float> LANES = Lanes.FLOATS;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private BatchNormKernel() {}

  /** The sum of {@code length} floats from float index {@code from}. */
  static double sum(ByteBuffer x, int from, int length) {
    FloatVector acc = FloatVector.zero(LANES);
    int i = 0;
    for (int bound = LANES.loopBound(length); i < bound; i += LANES.length()) {
      acc = acc.add(FloatVector.fromByteBuffer(LANES, x, (from + i) * Float.BYTES, ORDER));
    }
    float[] lanes = new float[LANES.length()];
    acc.intoArray(lanes, 0); // here, where the vector's class is known: a helper taking it ran 5x slower
    double s = inLaneOrder(lanes);
    for (; i < length; i++) {
      s += x.getFloat((from + i) * Float.BYTES);
    }
    return s;
  }

  /**
   * The sum of (x - mu)^2 over the same floats, with mu rounded to float: x - mu is then exact for x
   * near mu (Sterbenz), so the variance stays exact far from zero.
   */
  static double squaredDeviations(ByteBuffer x, int from, int length, double mu) {
    float m = (float) mu;
    FloatVector acc = FloatVector.zero(LANES);
    int i = 0;
    for (int bound = LANES.loopBound(length); i < bound; i += LANES.length()) {
      FloatVector d = FloatVector.fromByteBuffer(LANES, x, (from + i) * Float.BYTES, ORDER).sub(m);
      acc = acc.add(d.mul(d));
    }
    float[] lanes = new float[LANES.length()];
    acc.intoArray(lanes, 0);
    double s = inLaneOrder(lanes);
    for (; i < length; i++) {
      float d = x.getFloat((from + i) * Float.BYTES) - m;
      s += d * d;
    }
    return s;
  }

  /** Adds the plane's sum of g to {@code sums[0]} and its sum of g * (x - mu) to {@code sums[1]}. */
  static void gradientSums(ByteBuffer x, ByteBuffer g, int from, int length, float mu, double[] sums) {
    FloatVector sumG = FloatVector.zero(LANES);
    FloatVector sumGD = FloatVector.zero(LANES);
    int i = 0;
    for (int bound = LANES.loopBound(length); i < bound; i += LANES.length()) {
      int at = (from + i) * Float.BYTES;
      FloatVector gi = FloatVector.fromByteBuffer(LANES, g, at, ORDER);
      sumG = sumG.add(gi);
      sumGD = sumGD.add(gi.mul(FloatVector.fromByteBuffer(LANES, x, at, ORDER).sub(mu)));
    }
    float[] lanes = new float[2 * LANES.length()];
    sumG.intoArray(lanes, 0);
    sumGD.intoArray(lanes, LANES.length());
    double sg = inLaneOrder(lanes, 0);
    double sgd = inLaneOrder(lanes, LANES.length());
    for (; i < length; i++) {
      int at = (from + i) * Float.BYTES;
      float gi = g.getFloat(at);
      sg += gi;
      sgd += gi * (x.getFloat(at) - mu);
    }
    sums[0] += sg;
    sums[1] += sgd;
  }

  /** y = (x - mu) * k + shift over the plane, in float. */
  static void normalize(ByteBuffer x, ByteBuffer y, int from, int length, float mu, float k, float shift) {
    int i = 0;
    for (int bound = LANES.loopBound(length); i < bound; i += LANES.length()) {
      int at = (from + i) * Float.BYTES;
      FloatVector.fromByteBuffer(LANES, x, at, ORDER).sub(mu).mul(k).add(shift).intoByteBuffer(y, at, ORDER);
    }
    for (; i < length; i++) {
      int at = (from + i) * Float.BYTES;
      y.putFloat(at, (x.getFloat(at) - mu) * k + shift);
    }
  }

  /** dx = (k * g + b * (x - mu)) + c over the plane, in float. */
  static void inputGradient(ByteBuffer x, ByteBuffer g, ByteBuffer dx, int from, int length, float mu, float k,
      float b, float c) {
    int i = 0;
    for (int bound = LANES.loopBound(length); i < bound; i += LANES.length()) {
      int at = (from + i) * Float.BYTES;
      FloatVector gi = FloatVector.fromByteBuffer(LANES, g, at, ORDER);
      FloatVector xi = FloatVector.fromByteBuffer(LANES, x, at, ORDER);
      gi.mul(k).add(xi.sub(mu).mul(b)).add(c).intoByteBuffer(dx, at, ORDER);
    }
    for (; i < length; i++) {
      int at = (from + i) * Float.BYTES;
      dx.putFloat(at, (k * g.getFloat(at) + b * (x.getFloat(at) - mu)) + c);
    }
  }

  /** Stored lanes' sum in double, lane 0 first (single-lane reads take a slow path in JDK 17). */
  private static double inLaneOrder(float[] lanes) {
    return inLaneOrder(lanes, 0);
  }

  private static double inLaneOrder(float[] lanes, int from) {
    double s = 0;
    for (int l = from; l < from + LANES.length(); l++) {
      s += lanes[l];
    }
    return s;
  }
}
