package io.troupe.train.dl4j;

import io.troupe.model.NativeBackend;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float GEMM on oneDNN's inner product (libnd4j's {@code xw_plus_b} op, which the oneDNN build runs on
 * oneDNN) instead of {@code Nd4j.gemm}, which calls the OpenBLAS bundled with ND4J; libnd4j's
 * {@code matmul} op is no way round, as it calls the same OpenBLAS. oneDNN picks its kernels by the
 * CPU's instruction sets, while that OpenBLAS picks them from a table of CPU models and runs its AVX2
 * kernels on AVX-512 CPUs it does not know (AMD's family 26, say).
 *
 * <p>oneDNN sums in another order than OpenBLAS, so the products differ in the last float digits; each
 * is the same from run to run on one machine. {@link NativeBackend#ONEDNN_GEMM}{@code =false} keeps OpenBLAS
 * (DL4J's numbers to the bit).
 */
public final class OneDnnGemm {
  private static final Map<Long, INDArray> ZEROS = new ConcurrentHashMap<>();
  /** Products run on oneDNN so far (what the tests check it engaged by). */
  static final LongAdder ON_ONEDNN = new LongAdder();

  private OneDnnGemm() {}

  /**
   * A gradient product, {@code c = op(a) x op(b)}, op transposing where asked: on oneDNN where
   * {@link NativeBackend#denseBackpropOnOneDnn()} and it takes the arrays, else {@code Nd4j.gemm}.
   */
  public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
    if (!NativeBackend.denseBackpropOnOneDnn() || !takes(a, b, c)) {
      Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
      return;
    }
    innerProduct(transposeA ? a.transpose() : a, transposeB ? b.transpose() : b, zeros(c.columns()), c);
  }

  /**
   * A forward product, {@code c = a x b + bias} (bias a row vector added to each row, or null for none):
   * on oneDNN where {@link NativeBackend#denseForwardOnOneDnn()} and it takes the arrays, the bias added
   * inside its kernel; else DL4J's product and {@link #addToEachRow} (DL4J's numbers to the bit).
   */
  public static void gemmPlusBias(INDArray a, INDArray b, INDArray bias, INDArray c) {
    if (!NativeBackend.denseForwardOnOneDnn() || !takes(a, b, c)
        || (bias != null && bias.dataType() != DataType.FLOAT)) {
      a.mmuli(b, c); // DL4J's forward product (Nd4j.gemm rounds some sums differently)
      if (bias != null) {
        addToEachRow(c, bias);
      }
      return;
    }
    innerProduct(a, b, bias == null ? zeros(c.columns()) : bias.reshape(bias.length()), c);
  }

  /** {@code c += bias} row by row: DL4J's {@code addiRowVector}, in SIMD lanes where they take the arrays. */
  static void addToEachRow(INDArray c, INDArray bias) {
    if (Simd.available() && c.rank() == 2 && Simd.dense(c) && Simd.flat(bias) && bias.length() == c.columns()) {
      BiasKernel.addToEachRow(Simd.bytes(c), (int) c.rows(), (int) c.columns(), Simd.bytes(bias));
      Reference.reachabilityFence(c); // their memory stays ours until the kernel is done (Simd.bytes)
      Reference.reachabilityFence(bias);
      return;
    }
    c.addiRowVector(bias);
  }

  /**
   * {@code sums = z.sum(0)} into the row vector {@code sums} (a layer's bias gradient): DL4J's reduction,
   * in SIMD lanes where they take the arrays (the same bits, {@link BiasKernel#sumColumns}).
   */
  static void sumColumns(INDArray z, INDArray sums) {
    // One row: libnd4j copies it (a -0 stays -0) rather than summing from +0.
    if (Simd.available() && z.rank() == 2 && z.rows() > 1 && Simd.dense(z) && Simd.flat(sums)
        && sums.length() == z.columns()) {
      BiasKernel.sumColumns(Simd.bytes(z), (int) z.rows(), (int) z.columns(), Simd.bytes(sums));
      Reference.reachabilityFence(z); // their memory stays ours until the kernel is done (Simd.bytes)
      Reference.reachabilityFence(sums);
      return;
    }
    z.sum(sums, 0);
  }

  /** Whether oneDNN's inner product takes these arrays as they are. */
  static boolean takes(INDArray a, INDArray b, INDArray c) {
    return dense(a) && dense(b) && dense(c);
  }

  /** A float matrix in one contiguous run, 'c' or 'f' (what the op's oneDNN kernel takes). */
  private static boolean dense(INDArray array) {
    return array.rank() == 2 && array.dataType() == DataType.FLOAT && array.elementWiseStride() == 1
        && array.length() > 1;
  }

  /** {@code out = x w + bias}: oneDNN reads the arrays through their strides, transposed views included. */
  private static void innerProduct(INDArray x, INDArray w, INDArray bias, INDArray out) {
    ON_ONEDNN.increment();
    Nd4j.exec(DynamicCustomOp.builder("xw_plus_b")
        .addInputs(x, w, bias)
        .addOutputs(out)
        .build());
  }

  /** A zero bias per length, made once outside any workspace (read only, so shared by every thread). */
  private static INDArray zeros(long length) {
    return ZEROS.computeIfAbsent(length, n -> {
      try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        return Nd4j.zeros(DataType.FLOAT, n);
      }
    });
  }
}
