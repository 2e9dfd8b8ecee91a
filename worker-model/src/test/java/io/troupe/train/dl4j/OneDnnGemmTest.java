package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.model.NativeBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The dense layers' GEMM on oneDNN: OpenBLAS's product to float rounding, in every layout DL4J hands it. */
class OneDnnGemmTest {
  @BeforeEach
  void onOneDnnWhateverTheCpu() {
    // Unset, the CPU decides (an AVX2-only machine keeps OpenBLAS): this tests oneDNN's path anywhere.
    System.setProperty(NativeBackend.ONEDNN_GEMM, "true");
  }

  @AfterEach
  void restoreDefault() {
    System.clearProperty(NativeBackend.ONEDNN_GEMM);
  }

  @Test
  void everyOrderAndTransposeGivesOpenBlassProductToFloatRounding() {
    int m = 33;
    int k = 70;
    int n = 17;
    Nd4j.getRandom().setSeed(5);
    for (char orderA : new char[] {'c', 'f'}) {
      for (char orderB : new char[] {'c', 'f'}) {
        for (char orderC : new char[] {'c', 'f'}) {
          for (boolean transposeA : new boolean[] {false, true}) {
            for (boolean transposeB : new boolean[] {false, true}) {
              INDArray a = Nd4j.randn(DataType.FLOAT, transposeA ? new long[] {k, m} : new long[] {m, k}).dup(orderA);
              INDArray b = Nd4j.randn(DataType.FLOAT, transposeB ? new long[] {n, k} : new long[] {k, n}).dup(orderB);
              INDArray expected = Nd4j.create(DataType.FLOAT, new long[] {m, n}, orderC);
              Nd4j.gemm(a, b, expected, transposeA, transposeB, 1.0, 0.0);
              INDArray actual = Nd4j.create(DataType.FLOAT, new long[] {m, n}, orderC);
              long before = OneDnnGemm.ON_ONEDNN.sum();
              OneDnnGemm.gemm(a, b, actual, transposeA, transposeB);
              String layout = "a " + orderA + (transposeA ? "^T" : "") + ", b " + orderB + (transposeB ? "^T" : "") + ", c " + orderC;
              assertTrue(OneDnnGemm.ON_ONEDNN.sum() > before, layout + " ran on oneDNN");
              assertClose(expected, actual, layout);
            }
          }
        }
      }
    }
  }

  @Test
  void runsOneDnnsKernelsNotOpenBlasAndGivesTheSameNumbersEveryTime() {
    Nd4j.getRandom().setSeed(6);
    INDArray x = Nd4j.rand(DataType.FLOAT, 128, 784);
    INDArray w = Nd4j.randn(DataType.FLOAT, 784, 256).dup('f');
    INDArray openBlas = onOpenBlas(x, w);
    INDArray first = Nd4j.create(DataType.FLOAT, 128, 256);
    INDArray second = Nd4j.create(DataType.FLOAT, 128, 256);
    OneDnnGemm.gemm(x, w, first, false, false);
    OneDnnGemm.gemm(x.dup(), w.dup('f'), second, false, false);
    assertArrayEquals(floats(first), floats(second), "deterministic");
    assertClose(openBlas, first, "784-long sums");
    // Summed in another order: if libnd4j had fallen back on its BLAS, every float would be OpenBLAS's.
    assertFalse(java.util.Arrays.equals(floats(openBlas), floats(first)), "oneDNN's own kernel ran");
  }

  @Test
  void theBiasIsAddedToEveryRow() {
    Nd4j.getRandom().setSeed(8);
    INDArray x = Nd4j.rand(DataType.FLOAT, 50, 30);
    INDArray w = Nd4j.randn(DataType.FLOAT, 30, 20).dup('f');
    INDArray bias = Nd4j.randn(DataType.FLOAT, 1, 20);
    INDArray expected = onOpenBlas(x, w).addiRowVector(bias);
    INDArray actual = Nd4j.create(DataType.FLOAT, 50, 20);
    long before = OneDnnGemm.ON_ONEDNN.sum();
    OneDnnGemm.gemmPlusBias(x, w, bias, actual);
    assertTrue(OneDnnGemm.ON_ONEDNN.sum() > before);
    assertClose(expected, actual, "x w + b");
  }

  @Test
  void aStridedViewOrTheSwitchOffKeepsOpenBlasToTheBit() {
    Nd4j.getRandom().setSeed(7);
    INDArray wide = Nd4j.rand(DataType.FLOAT, 40, 90);
    INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 60)); // rows 90 apart
    INDArray b = Nd4j.rand(DataType.FLOAT, 60, 12);
    assertFalse(OneDnnGemm.takes(strided, b, Nd4j.create(DataType.FLOAT, 40, 12)));
    assertSameAsOpenBlas(strided, b);

    System.setProperty(NativeBackend.ONEDNN_GEMM, "false");
    INDArray dense = Nd4j.rand(DataType.FLOAT, 40, 60);
    assertTrue(OneDnnGemm.takes(dense, b, Nd4j.create(DataType.FLOAT, 40, 12)));
    long before = OneDnnGemm.ON_ONEDNN.sum();
    assertSameAsOpenBlas(dense, b);
    assertEquals(before, OneDnnGemm.ON_ONEDNN.sum(), "switched off, nothing ran on oneDNN");
  }

  private static INDArray onOpenBlas(INDArray a, INDArray b) {
    INDArray product = Nd4j.create(DataType.FLOAT, a.rows(), b.columns());
    Nd4j.gemm(a, b, product, false, false, 1.0, 0.0);
    return product;
  }

  private static void assertSameAsOpenBlas(INDArray a, INDArray b) {
    INDArray expected = onOpenBlas(a, b);
    INDArray actual = Nd4j.create(DataType.FLOAT, a.rows(), b.columns());
    OneDnnGemm.gemm(a, b, actual, false, false);
    assertArrayEquals(floats(expected), floats(actual));
  }

  static float[] floats(INDArray array) {
    return array.dup('c').data().asFloat();
  }

  /** Within float rounding of sums of this length: 1e-5 of the largest magnitude. */
  private static void assertClose(INDArray expected, INDArray actual, String what) {
    double scale = expected.amaxNumber().doubleValue();
    double worst = expected.sub(actual).amaxNumber().doubleValue();
    assertTrue(worst <= 1e-5 * scale, what + ": off by " + worst + " of " + scale);
  }
}
