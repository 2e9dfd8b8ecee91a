package io.troupe.train.dl4j;

import java.lang.ref.Reference;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link Dropout} in training, its mask drawn and applied in one SIMD pass ({@link DropoutKernel})
 * from ND4J's generator, whose state it then moves on as libnd4j's op would: the same mask, output and
 * generator state as DL4J's, bit for bit (tested), where DL4J fills the mask with ones, draws it in a
 * scalar native loop and multiplies in a third pass (7% of the MLP benchmark's loop). The mask is
 * handed to the {@link Dropout} object, so its own backprop and {@code clear()} work as before, and the
 * configuration stays DL4J's.
 */
final class SimdDropout {
  /** Dropout passes drawn here (for tests). */
  static final java.util.concurrent.atomic.LongAdder DRAWN = new java.util.concurrent.atomic.LongAdder();

  private SimdDropout() {}

  /**
   * Whether {@link #apply} takes this dropout and input: plain inverted dropout with no helper (what
   * {@code NativeBackend.settleDropoutHelpers} leaves on the CPU), over a dense float array.
   */
  static boolean takes(IDropout dropout, INDArray input) {
    return dropout != null && dropout.getClass() == Dropout.class && ((Dropout) dropout).isInitializedHelper()
        && ((Dropout) dropout).getHelper() == null && Simd.available() && Simd.dense(input)
        && input.length() < Integer.MAX_VALUE / Float.BYTES;
  }

  /**
   * A layer's {@code applyDropOutIfNecessary} where {@link #takes} says so: the dropped input (in place
   * when the layer may modify its input), or null for the layer to do as DL4J does.
   */
  static INDArray applyIfTaken(boolean due, IDropout dropout, INDArray input, boolean inPlace, int iteration,
      int epoch, LayerWorkspaceMgr workspaceMgr) {
    if (!due || !takes(dropout, input)) {
      return null;
    }
    INDArray result = inPlace ? input
        : workspaceMgr.createUninitialized(ArrayType.INPUT, input.dataType(), input.shape(), input.ordering());
    return apply(dropout, input, result, iteration, epoch, workspaceMgr);
  }

  /** DL4J's {@code Dropout.applyDropout(input, output, ...)} where {@link #takes} says so. */
  static INDArray apply(IDropout dropout, INDArray input, INDArray output, int iteration, int epoch,
      LayerWorkspaceMgr workspaceMgr) {
    Dropout plain = (Dropout) dropout;
    double p = plain.getPSchedule() != null ? plain.getPSchedule().valueAt(iteration, epoch) : plain.getP();
    INDArray mask = workspaceMgr.createUninitialized(ArrayType.INPUT, output.dataType(), output.shape(), 'c');
    Random random = Nd4j.getRandom();
    long root = random.rootState();
    long node = random.nodeState();
    int n = (int) output.length();
    DropoutKernel.apply(Simd.bytes(input), Simd.bytes(mask), Simd.bytes(output), n, (int) root, (int) node, (float) p);
    Reference.reachabilityFence(input); // their memory stays ours until the kernel is done (Simd.bytes)
    Reference.reachabilityFence(output);
    // (A node state of exactly 0, one chance in 2^64, would be stored as ND4J's default seed instead.)
    random.setStates(root, DropoutKernel.rewound(node, n));
    plain.setMask(mask);
    DRAWN.increment();
    return output;
  }
}
