package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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

  @Test
  void columnSumsAreDl4jsSumAlongRowsToTheBit() {
    Nd4j.getRandom().setSeed(5);
    for (int[] shape : new int[][] {{1, 3}, {3, 7}, {5, 8}, {9, 13}, {128, 256}, {512, 128}, {128, 10}}) {
      // Magnitudes far apart, so a sum in any other order would round differently somewhere.
      INDArray z = Nd4j.randn(DataType.FLOAT, shape[0], shape[1])
          .muli(Transforms.exp(Nd4j.rand(DataType.FLOAT, shape[0], shape[1]).muli(12).subi(6), false));
      z.putScalar(0, 0, -0.0f); // one row (a copy in libnd4j) must keep it; more are summed from +0
      INDArray expected = Nd4j.create(DataType.FLOAT, 1, shape[1]);
      z.sum(expected, 0);
      INDArray sums = Nd4j.create(DataType.FLOAT, 1, shape[1]);
      OneDnnGemm.sumColumns(z, sums);
      assertArrayEquals(expected.data().asFloat(), sums.data().asFloat(), shape[0] + "x" + shape[1]);
    }
  }
}
