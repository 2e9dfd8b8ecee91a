package io.troupe.train.averaging;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the weight averages: detached copies and argument checks. */
final class HeldCopy {
  private HeldCopy() {}

  /**
   * A copy of {@code a} that lives outside any ND4J workspace. DL4J may hand out arrays in a
   * workspace whose memory is reused after the iteration; a held average must outlive it.
   */
  @SuppressWarnings("try") // the scope is used only for its open/close side effect
  static INDArray detachedCopy(INDArray a) {
    try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return a.dup();
    }
  }

  /** Throws unless {@code params} can be combined element-wise with the held {@code average}. */
  static void requireCompatible(INDArray average, INDArray params) {
    Objects.requireNonNull(params, "params");
    if (average != null && (!average.equalShapes(params)
        || average.dataType() != params.dataType())) {
      throw new IllegalArgumentException("params are " + describe(params)
          + " but the average holds " + describe(average));
    }
  }

  private static String describe(INDArray a) {
    return a.dataType() + Arrays.toString(a.shape());
  }
}
