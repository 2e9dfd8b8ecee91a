package io.troupe.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk writes of host values into existing ND4J arrays. {@code Nd4j.create(float[])} copies element
 * by element into a fresh off-heap buffer; reusing one array and copying in bulk saves that copy,
 * the allocation's page faults and zeroing, and the GC-driven deallocation of every batch.
 */
final class HostArrays {
  private HostArrays() {}

  /** Makes a c-order float array of shape [rows, columns] that no workspace owns, for reuse. */
  static INDArray reusable(long rows, long columns) {
    return Nd4j.createUninitializedDetached(DataType.FLOAT, rows, columns);
  }

  /** Copies {@code into.length()} values from the start of {@code values} into {@code into}. */
  static void write(float[] values, INDArray into) {
    if (into.dataType() != DataType.FLOAT || into.ordering() != 'c' || into.isView()) {
      throw new IllegalArgumentException("a reusable array must be a whole c-order float array, got "
          + into.shapeInfoToString());
    }
    int n = Math.toIntExact(into.length());
    if (values.length < n) {
      throw new IllegalArgumentException(n + " values needed, " + values.length + " given");
    }
    into.data().asNioFloat().put(values, 0, n);
    // On CUDA the host copy is now the fresh one; the device copy follows on first use. A no-op on CPU.
    Nd4j.getAffinityManager().tagLocation(into, AffinityManager.Location.HOST);
  }
}
