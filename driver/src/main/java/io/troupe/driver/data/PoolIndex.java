package io.troupe.driver.data;

import io.troupe.data.Fingerprints;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

/**
 * Numbers a spark source's training rows without bringing them anywhere: one job counts and
 * digests each source partition, so row {@code k} of partition {@code p} is pool row
 * {@code offset(p) + k}. The order is the one the collected path reads them in (partition by
 * partition, each in its own order), so both paths deal the same rows to validation and training.
 */
final class PoolIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] offsets;
  private final long rows;
  private final String fingerprint;

  private PoolIndex(long[] offsets, long rows, String fingerprint) {
    this.offsets = offsets;
    this.rows = rows;
    this.fingerprint = fingerprint;
  }

  /** Counts and digests {@code rows} partition by partition; {@code shapeAndTask} goes into the fingerprint. */
  static PoolIndex of(JavaRDD<LabeledRow> rows, String shapeAndTask) {
    List<PartitionDigest> digests = rows.mapPartitionsWithIndex(new Digest(), false).collect();
    PartitionDigest[] byPartition = digests.toArray(PartitionDigest[]::new);
    Arrays.sort(byPartition, (a, b) -> Integer.compare(a.partition(), b.partition()));
    long[] offsets = new long[byPartition.length];
    long total = 0;
    MessageDigest md = Fingerprints.sha256();
    md.update(shapeAndTask.getBytes(StandardCharsets.UTF_8));
    for (int p = 0; p < byPartition.length; p++) {
      offsets[p] = total;
      total += byPartition[p].rows();
      md.update(byPartition[p].digest());
    }
    return new PoolIndex(offsets, total, Fingerprints.format(md.digest()));
  }

  /** The pool row of row {@code k} of source partition {@code partition}. */
  long row(int partition, long k) {
    return offsets[partition] + k;
  }

  long rows() {
    return rows;
  }

  /**
   * The rows' content in order, as "sha256:" + 16 hex digits: partition-wise, so it differs from a
   * collected Dataset's fingerprint of the same rows, but the same source read the same way gives
   * the same one.
   */
  String fingerprint() {
    return fingerprint;
  }

  record PartitionDigest(int partition, long rows, byte[] digest) implements Serializable {}

  /** On an executor: one source partition's row count and SHA-256 over its features and labels. */
  private static final class Digest implements Function2<Integer, Iterator<LabeledRow>, Iterator<PartitionDigest>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<PartitionDigest> call(Integer partition, Iterator<LabeledRow> it) {
      MessageDigest md = Fingerprints.sha256();
      ByteBuffer buffer = ByteBuffer.allocate(0);
      long n = 0;
      while (it.hasNext()) {
        LabeledRow row = it.next();
        float[] f = row.getFeatures();
        int bytes = f.length * Float.BYTES + Double.BYTES;
        if (buffer.capacity() < bytes) {
          buffer = ByteBuffer.allocate(bytes);
        }
        buffer.clear();
        for (float v : f) {
          buffer.putFloat(v);
        }
        buffer.putDouble(row.getLabel());
        md.update(buffer.array(), 0, bytes);
        n++;
      }
      return Collections.singletonList(new PartitionDigest(partition, n, md.digest())).iterator();
    }
  }

  @Override
  public String toString() {
    return "PoolIndex(" + rows + " rows in " + offsets.length + " partitions, " + fingerprint + ")";
  }

}
