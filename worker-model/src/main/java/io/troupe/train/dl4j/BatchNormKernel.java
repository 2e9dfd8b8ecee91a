package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch norm's sums over one contiguous plane of an NCHW activation, and its input gradient, in SIMD
 * lanes. The sums read four floats at a time into four double lanes: element i goes into accumulator
 * i mod 4, and the lanes are combined as (s0 + s1) + (s2 + s3), which is exactly the order of
 * {@link BatchStatistics}' scalar loops, so both give the same bits on every machine, whatever its
 * vector width. The input gradient is element-wise in float, with no fused multiply-add, so lanes and
 * the scalar tail compute each element the same way. Load only where {@link Simd#available()}.
 */
final class BatchNormKernel {
  private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;
  private static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private BatchNormKernel() {}

  /** The sum of {@code length} floats from float index {@code from}. */
  static double sum(ByteBuffer x, int from, int length) {
    DoubleVector acc = DoubleVector.zero(FOUR_DOUBLES);
    int i = 0;
    for (; i + 3 < length; i += 4) {
      acc = acc.add(doubles(x, from + i));
    }
    double s0 = acc.lane(0);
    for (; i < length; i++) {
      s0 += x.getFloat((from + i) * Float.BYTES);
    }
    return (s0 + acc.lane(1)) + (acc.lane(2) + acc.lane(3));
  }

  /** The sum of (x - mu)^2 over the same floats. */
  static double squaredDeviations(ByteBuffer x, int from, int length, double mu) {
    DoubleVector acc = DoubleVector.zero(FOUR_DOUBLES);
    int i = 0;
    for (; i + 3 < length; i += 4) {
      DoubleVector d = doubles(x, from + i).sub(mu);
      acc = acc.add(d.mul(d));
    }
    double s0 = acc.lane(0);
    for (; i < length; i++) {
      double d = x.getFloat((from + i) * Float.BYTES) - mu;
      s0 += d * d;
    }
    return (s0 + acc.lane(1)) + (acc.lane(2) + acc.lane(3));
  }

  /** Adds the plane's sum of g to {@code sums[0]} and its sum of g * (x - mu) to {@code sums[1]}. */
  static void gradientSums(ByteBuffer x, ByteBuffer g, int from, int length, double mu, double[] sums) {
    DoubleVector sumG = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector sumGD = DoubleVector.zero(FOUR_DOUBLES);
    int i = 0;
    for (; i + 3 < length; i += 4) {
      DoubleVector gi = doubles(g, from + i);
      sumG = sumG.add(gi);
      sumGD = sumGD.add(gi.mul(doubles(x, from + i).sub(mu)));
    }
    double g0 = sumG.lane(0);
    double gd0 = sumGD.lane(0);
    for (; i < length; i++) {
      int at = (from + i) * Float.BYTES;
      double gi = g.getFloat(at);
      g0 += gi;
      gd0 += gi * (x.getFloat(at) - mu);
    }
    sums[0] += (g0 + sumG.lane(1)) + (sumG.lane(2) + sumG.lane(3));
    sums[1] += (gd0 + sumGD.lane(1)) + (sumGD.lane(2) + sumGD.lane(3));
  }

  /** dx = (k * g + b * (x - mu)) + c over the plane, in float. */
  static void inputGradient(ByteBuffer x, ByteBuffer g, ByteBuffer dx, int from, int length, float mu, float k,
      float b, float c) {
    int i = 0;
    for (int bound = FLOATS.loopBound(length); i < bound; i += FLOATS.length()) {
      int at = (from + i) * Float.BYTES;
      FloatVector gi = FloatVector.fromByteBuffer(FLOATS, g, at, ORDER);
      FloatVector xi = FloatVector.fromByteBuffer(FLOATS, x, at, ORDER);
      gi.mul(k).add(xi.sub(mu).mul(b)).add(c).intoByteBuffer(dx, at, ORDER);
    }
    for (; i < length; i++) {
      int at = (from + i) * Float.BYTES;
      dx.putFloat(at, (k * g.getFloat(at) + b * (x.getFloat(at) - mu)) + c);
    }
  }

  private static DoubleVector doubles(ByteBuffer buffer, int floatIndex) {
    return (DoubleVector) FloatVector.fromByteBuffer(FOUR_FLOATS, buffer, floatIndex * Float.BYTES, ORDER)
        .convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
  }
}
