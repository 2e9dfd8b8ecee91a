package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over 2x2 windows at stride 2, on rows of even width stacked in one run of floats (NCHW
 * planes one after another), and its backprop. Each window's value is the first maximum in the order
 * oneDNN and libnd4j scan it (top left, top right, bottom left, bottom right) under {@code >}, so ties,
 * signed zeros among them, resolve as theirs do: the same bits for finite inputs, and the same position
 * for the gradient. Two passes, both in SIMD lanes where a row allows: each horizontal pair over the
 * whole run (a pair never straddles two rows when the width is even), then each vertical pair of those.
 * Scalar comparisons of random data mispredict a branch a window: 16 ms for a [128, 32, 28, 28] input
 * against 2 ms in lanes. Load only where {@link Simd#available()}.
 */
final class MaxPoolKernel {
  private static final VectorSpecies<Float> FLOATS = Lanes.FLOATS;
  private static final int LANES = FLOATS.length();
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();
  // Even and odd lanes of two vectors, gathered into the low half from the first, the high half from the
  // second: single-vector shuffles and a blend (JDK 17's two-vector rearrange was 3x slower).
  private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(FLOATS, i -> (2 * i) % LANES);
  private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(FLOATS, i -> (2 * i + 1) % LANES);
  private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(FLOATS, -1L << (LANES / 2));

  private MaxPoolKernel() {}

  /** What a pooling of {@code length} input floats in rows of {@code width} needs between its passes. */
  static final class Scratch {
    float[] pairMax = new float[0];
    float[] pairRight = new float[0];
    /** Per output: where its maximum sits in its window, 0-3 (row * 2 + column), kept for backprop. */
    float[] argmax = new float[0];

    void fit(int inputs) {
      if (pairMax.length < inputs / 2) {
        pairMax = new float[inputs / 2];
        pairRight = new float[inputs / 2];
        argmax = new float[inputs / 4];
      }
    }
  }

  /**
   * Pools {@code length} floats of {@code x} (rows of {@code width}, an even count of rows, even width)
   * into {@code out}, leaving each output's window position in {@code scratch.argmax}.
   */
  static void forward(ByteBuffer x, int length, int width, ByteBuffer out, Scratch scratch) {
    scratch.fit(length);
    horizontalPairs(x, length, scratch.pairMax, scratch.pairRight);
    verticalPairs(scratch.pairMax, scratch.pairRight, length / 2, width / 2, out, scratch.argmax);
  }

  /**
   * Backprop of the last {@link #forward} with this scratch: each output's gradient goes to its window's
   * maximum. {@code dx} ({@code length} floats) must be zero-filled.
   */
  static void backward(ByteBuffer g, int length, int width, Scratch scratch, ByteBuffer dx) {
    int outWidth = width / 2;
    float[] argmax = scratch.argmax;
    int o = 0;
    for (int row = 0, rows = length / width; row < rows; row += 2) {
      int top = row * width;
      for (int j = 0; j < outWidth; j++, o++) {
        int at = (int) argmax[o];
        int from = top + (at >> 1) * width + 2 * j + (at & 1);
        dx.putFloat(from * Float.BYTES, g.getFloat(o * Float.BYTES));
      }
    }
  }

  /** max[t] and right[t] (1 where the right one won) for the pair x[2t], x[2t + 1]. */
  private static void horizontalPairs(ByteBuffer x, int length, float[] max, float[] right) {
    FloatVector zero = FloatVector.zero(FLOATS);
    FloatVector one = FloatVector.broadcast(FLOATS, 1f);
    int i = 0;
    for (int bound = length - 2 * LANES; i <= bound; i += 2 * LANES) {
      FloatVector lo = FloatVector.fromByteBuffer(FLOATS, x, i * Float.BYTES, ORDER);
      FloatVector hi = FloatVector.fromByteBuffer(FLOATS, x, (i + LANES) * Float.BYTES, ORDER);
      FloatVector left = lo.rearrange(EVEN).blend(hi.rearrange(EVEN), HIGH_HALF);
      FloatVector rightOnes = lo.rearrange(ODD).blend(hi.rearrange(ODD), HIGH_HALF);
      VectorMask<Float> rightWins = rightOnes.compare(VectorOperators.GT, left);
      left.blend(rightOnes, rightWins).intoArray(max, i / 2);
      zero.blend(one, rightWins).intoArray(right, i / 2);
    }
    for (; i < length; i += 2) {
      float a = x.getFloat(i * Float.BYTES);
      float b = x.getFloat((i + 1) * Float.BYTES);
      max[i / 2] = b > a ? b : a;
      right[i / 2] = b > a ? 1f : 0f;
    }
  }

  /** Each output from the pair maxima of its window's two rows; its position to {@code argmax}. */
  private static void verticalPairs(float[] max, float[] right, int pairs, int outWidth, ByteBuffer out,
      float[] argmax) {
    FloatVector two = FloatVector.broadcast(FLOATS, 2f);
    int o = 0;
    for (int top = 0; top < pairs; top += 2 * outWidth, o += outWidth) {
      int bottom = top + outWidth;
      int j = 0;
      if (outWidth >= LANES) {
        // The last vector of a row overlaps the one before it: it writes the same values again.
        for (int last = outWidth - LANES; ; j = Math.min(j + LANES, last)) {
          FloatVector up = FloatVector.fromArray(FLOATS, max, top + j);
          FloatVector down = FloatVector.fromArray(FLOATS, max, bottom + j);
          VectorMask<Float> downWins = down.compare(VectorOperators.GT, up);
          up.blend(down, downWins).intoByteBuffer(out, (o + j) * Float.BYTES, ORDER);
          FloatVector upAt = FloatVector.fromArray(FLOATS, right, top + j);
          FloatVector downAt = FloatVector.fromArray(FLOATS, right, bottom + j).add(two);
          upAt.blend(downAt, downWins).intoArray(argmax, o + j);
          if (j == last) {
            break;
          }
        }
        continue;
      }
      for (; j < outWidth; j++) {
        float up = max[top + j];
        float down = max[bottom + j];
        boolean downWins = down > up;
        out.putFloat((o + j) * Float.BYTES, downWins ? down : up);
        argmax[o + j] = downWins ? 2 + right[bottom + j] : right[top + j];
      }
    }
  }
}
