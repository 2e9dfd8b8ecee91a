package io.troupe.train.dl4j;

import java.nio.ByteBuffer;

/**
 * The summed cross-entropy of softmax outputs against labels, as DL4J's {@code LossMCXENT} scores it
 * (each probability clipped to [eps, 1 - eps] before its log), in double from the pre-activation: a
 * batch's logits are few, and one pass here replaces five ND4J ops and their arrays.
 */
final class SoftmaxCrossEntropy {
  private SoftmaxCrossEntropy() {}

  /** -sum over rows and columns of label * log(clip(softmax(z))); both rows x columns floats, row-major. */
  static double sum(ByteBuffer z, ByteBuffer labels, int rows, int columns, double clipEps) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      int row = r * columns;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < columns; c++) {
        max = Math.max(max, z.getFloat((row + c) * Float.BYTES));
      }
      double expSum = 0;
      for (int c = 0; c < columns; c++) {
        expSum += Math.exp(z.getFloat((row + c) * Float.BYTES) - max);
      }
      for (int c = 0; c < columns; c++) {
        float label = labels.getFloat((row + c) * Float.BYTES);
        if (label != 0) {
          double p = Math.exp(z.getFloat((row + c) * Float.BYTES) - max) / expSum;
          total -= label * Math.log(Math.min(Math.max(p, clipEps), 1 - clipEps));
        }
      }
    }
    return total;
  }
}
