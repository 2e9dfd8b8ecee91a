package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SIMD bias add gives libnd4j's broadcast add to the bit, lane tails and odd layouts included. */
class BiasKernelTest {
  @Test
  void everyShapeGetsAddiRowVectorsBits() {
    Nd4j.getRandom().setSeed(3);
    for (int[] shape : new int[][] {{1, 1}, {3, 7}, {5, 8}, {9, 13}, {128, 256}, {128, 10}, {2, 35}}) {
      INDArray z = Nd4j.randn(DataType.FLOAT, shape[0], shape[1]).muli(1e3);
      INDArray bias = Nd4j.randn(DataType.FLOAT, 1, shape[1]).muli(1e-3);
      INDArray expected = z.dup().addiRowVector(bias);
      OneDnnGemm.addToEachRow(z, bias);
      assertArrayEquals(expected.data().asFloat(), z.data().asFloat(), shape[0] + "x" + shape[1]);
    }
  }

  @Test
  void aColumnMajorMatrixOrAViewTakesDl4jsOwnPath() {
    Nd4j.getRandom().setSeed(4);
    INDArray bias = Nd4j.randn(DataType.FLOAT, 1, 6);
    INDArray columnMajor = Nd4j.randn(DataType.FLOAT, 4, 6).dup('f');
    INDArray expected = columnMajor.dup('f').addiRowVector(bias);
    OneDnnGemm.addToEachRow(columnMajor, bias);
    assertArrayEquals(expected.dup('c').data().asFloat(), columnMajor.dup('c').data().asFloat());

    INDArray wide = Nd4j.randn(DataType.FLOAT, 4, 10);
    INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 8));
    INDArray expectedView = view.dup().addiRowVector(bias);
    OneDnnGemm.addToEachRow(view, bias);
    assertArrayEquals(expectedView.data().asFloat(), view.dup().data().asFloat());
  }
}
