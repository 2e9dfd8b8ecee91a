package io.troupe.train.dl4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What Troupe's SIMD kernels (the JDK's incubating Vector API) need: a JVM started with
 * {@code --add-modules=jdk.incubator.vector} (the launcher, executors and test JVMs are), the CPU
 * backend (the kernels write host memory, which a CUDA array would not see), and float arrays they can
 * address as one native buffer. A kernel class is loaded only where {@link #available()} is true.
 */
final class Simd {
  static final String MODULE = "jdk.incubator.vector";
  private static final boolean MODULE_PRESENT = ModuleLayer.boot().findModule(MODULE).isPresent();

  private Simd() {}

  static boolean available() {
    return MODULE_PRESENT && Backend.CPU;
  }

  /** Read once, on first use (ND4J's backend is loaded by then and never changes): kernels ask per step. */
  private static final class Backend {
    static final boolean CPU = Nd4j.getEnvironment().isCPU();
  }

  /** Float, dense (element-wise stride 1) and small enough for a ByteBuffer. */
  static boolean flat(INDArray a) {
    return a != null && !a.isEmpty() && a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1
        && a.length() <= Integer.MAX_VALUE / Float.BYTES;
  }

  /** Float, c-ordered with default strides: one run of floats in the layout a new 'c' array gets. */
  static boolean dense(INDArray a) {
    return flat(a) && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
  }

  /**
   * The array's values as a native-order byte view. A view's DataBuffer addresses its parent's memory
   * from the start, so the view's own offset is applied here (and checked on the first value). The view
   * does not keep the array alive: an array that was not allocated in a workspace has its memory freed
   * once the garbage collector finds it unreachable, so a caller whose array is only a parameter or a local
   * holds it with {@code Reference.reachabilityFence} until the kernel returns.
   */
  static ByteBuffer bytes(INDArray a) {
    int from = Math.toIntExact(a.offset() * Float.BYTES);
    int length = Math.toIntExact(a.length() * Float.BYTES);
    ByteBuffer all = a.data().asNio();
    ByteBuffer own = all.duplicate().position(from).limit(from + length).slice().order(ByteOrder.nativeOrder());
    if (Float.compare(own.getFloat(0), a.getFloat(0)) != 0) {
      throw new IllegalStateException("cannot address " + a.shapeInfoToString() + " as one float buffer");
    }
    return own;
  }
}
