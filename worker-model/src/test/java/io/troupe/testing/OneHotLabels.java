package io.troupe.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One-hot float labels for small hand-made batches. */
public final class OneHotLabels {
  private OneHotLabels() {}

  /** {@code rows} labels cycling through the classes: row i is class i % classes. */
  public static INDArray cycling(int rows, int classes) {
    INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, classes);
    for (int i = 0; i < rows; i++) {
      labels.putScalar(i, i % classes, 1f);
    }
    return labels;
  }
}
