package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A bias row added to every row of a row-major matrix in SIMD lanes: element for element libnd4j's
 * broadcast add ({@code addiRowVector}), one float addition each, without the op's per-call set-up (its
 * tensor-along-dimension shape buffers were most of the cost at an MLP's sizes). And the bias gradient,
 * a row-major matrix's column sums, in the order libnd4j's {@code sum(0)} adds them. Load only where
 * {@link Simd#available()}.
 */
final class BiasKernel {
  private static final VectorSpecies<Float> FLOATS = Lanes.FLOATS;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private BiasKernel() {}

  /** {@code z[r][c] += bias[c]} for a {@code rows x columns} row-major {@code z}. */
  static void addToEachRow(ByteBuffer z, int rows, int columns, ByteBuffer bias) {
    int bound = FLOATS.loopBound(columns);
    for (int r = 0; r < rows; r++) {
      int row = r * columns * Float.BYTES;
      int c = 0;
      for (; c < bound; c += FLOATS.length()) {
        int at = row + c * Float.BYTES;
        FloatVector.fromByteBuffer(FLOATS, z, at, ORDER)
            .add(FloatVector.fromByteBuffer(FLOATS, bias, c * Float.BYTES, ORDER))
            .intoByteBuffer(z, at, ORDER);
      }
      for (; c < columns; c++) {
        int at = row + c * Float.BYTES;
        z.putFloat(at, z.getFloat(at) + bias.getFloat(c * Float.BYTES));
      }
    }
  }

  /**
   * {@code sums[c] = z[0][c] + z[1][c] + ...} for a {@code rows x columns} row-major {@code z}: as
   * libnd4j's {@code reduceExec21} sums a column, from 0 and one row after another in float, so the
   * same bits; here the lanes run along a row, across columns.
   */
  static void sumColumns(ByteBuffer z, int rows, int columns, ByteBuffer sums) {
    int bound = FLOATS.loopBound(columns);
    int c = 0;
    for (; c < bound; c += FLOATS.length()) {
      FloatVector sum = FloatVector.zero(FLOATS);
      for (int r = 0; r < rows; r++) {
        sum = sum.add(FloatVector.fromByteBuffer(FLOATS, z, (r * columns + c) * Float.BYTES, ORDER));
      }
      sum.intoByteBuffer(sums, c * Float.BYTES, ORDER);
    }
    for (; c < columns; c++) {
      float sum = 0f;
      for (int r = 0; r < rows; r++) {
        sum += z.getFloat((r * columns + c) * Float.BYTES);
      }
      sums.putFloat(c * Float.BYTES, sum);
    }
  }
}
