package io.troupe.driver.data;

import io.troupe.data.DataSplits;
import io.troupe.data.PartitionedTrain;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;

/**
 * The driver's handles on partitioned training parts: the cached RDD of {@link WorkerPart}s (one
 * partition per worker) that a {@link PartitionedTrain} names. A {@link DataSplits} is broadcast
 * and serialized; an RDD handle must not be, so the splits carry only its id.
 */
public final class PartitionedTraining {
  private static final Map<String, JavaRDD<WorkerPart>> PARTS = new ConcurrentHashMap<>();

  private PartitionedTraining() {}

  static PartitionedTrain register(JavaRDD<WorkerPart> parts, int rows) {
    PARTS.values().removeIf(p -> p.context().isStopped()); // their session is gone, and its cache with it
    String id = UUID.randomUUID().toString();
    PARTS.put(id, parts);
    return new PartitionedTrain(rows, parts.getNumPartitions(), id);
  }

  /** The parts {@code splits}' training rows are in; bad state if they are not partitioned or their session stopped. */
  public static JavaRDD<WorkerPart> parts(DataSplits splits) {
    PartitionedTrain train = splits.partitioned();
    JavaRDD<WorkerPart> parts = train == null ? null : PARTS.get(train.id());
    if (parts == null || parts.context().isStopped()) {
      throw new IllegalStateException("the partitioned training rows " + (train == null ? "" : train.id() + " ")
          + "are not cached in this driver's Spark session; read the data again through it");
    }
    return parts;
  }

  /** Drops {@code splits}' cached training rows from the executors, if it has any. */
  public static void release(DataSplits splits) {
    if (splits.partitioned() != null) {
      JavaRDD<WorkerPart> parts = PARTS.remove(splits.partitioned().id());
      if (parts != null && !parts.context().isStopped()) {
        parts.unpersist(true); // blocking: a session stopped right after would cut the removal off mid-request
      }
    }
  }
}
