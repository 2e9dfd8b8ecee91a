package io.troupe.data;

import io.troupe.InvalidInputException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable in-memory dataset: {@link #size()} examples, each with {@link #numFeatures()}
 * raw features laid out row-major with shape {@link #featureShape()} (e.g. {1, 28, 28}), plus one
 * class label (classification) or one real target (regression).
 *
 * <p>Features are stored either as unsigned bytes (0..255, images) or as floats (tabular). Bytes
 * stay bytes: a Dataset is broadcast to every Spark executor, so Fashion-MNIST's training set
 * serializes to about 47 MB instead of 188 MB as floats. Scaling happens per row at use time
 * through a {@link FeatureTransform}.
 *
 * <p>Factories take ownership of the arrays they are given (no copy, they can be large); callers
 * must not modify them afterwards. Accessors never hand the arrays out.
 */
public final class Dataset implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String FINGERPRINT_FORMAT = "troupe.data.Dataset/v1";

  private final String name;
  private final Task task;
  private final int[] featureShape;
  private final int numFeatures;
  private final int size;
  private final int numClasses;
  private final byte[] bytes; // non-null iff byte storage
  private final float[] floats; // non-null iff float storage
  private final int[] labels; // non-null iff classification
  private final float[] targets; // non-null iff regression
  // Hashing 47 MB takes ~0.2 s: compute once; transient so it is recomputed, never trusted, after
  // deserialization.
  private transient volatile String fingerprint;

  private Dataset(String name, int[] shape, byte[] bytes, float[] floats,
      int[] labels, float[] targets, int numClasses) {
    this.name = name;
    this.featureShape = shape == null ? null : shape.clone();
    this.numFeatures = shape == null ? 0 : (int) Math.min(Integer.MAX_VALUE, product(shape));
    this.bytes = bytes;
    this.floats = floats;
    this.labels = labels;
    this.targets = targets;
    this.task = labels != null ? Task.CLASSIFICATION : Task.REGRESSION;
    this.numClasses = labels != null ? numClasses : 0;
    this.size = labels != null ? labels.length : targets == null ? 0 : targets.length;
    DatasetValidator.validate(this);
  }

  /** Unsigned-byte features (0..255, e.g. pixels) with class labels in [0, numClasses). */
  public static Dataset ofBytes(String name, int[] shape, byte[] features, int[] labels,
      int numClasses) {
    return new Dataset(name, shape, nonNull(features, name, "features"), null,
        nonNull(labels, name, "labels"), null, numClasses);
  }

  /** Float features with class labels in [0, numClasses). */
  public static Dataset ofFloats(String name, int[] shape, float[] features, int[] labels,
      int numClasses) {
    return new Dataset(name, shape, null, nonNull(features, name, "features"),
        nonNull(labels, name, "labels"), null, numClasses);
  }

  /** Float features with one real-valued regression target per example. */
  public static Dataset ofFloatsRegression(String name, int[] shape, float[] features,
      float[] targets) {
    return new Dataset(name, shape, null, nonNull(features, name, "features"), null,
        nonNull(targets, name, "targets"), 0);
  }

  /** Human-readable name, e.g. "fashion-mnist/train"; not part of the fingerprint. */
  public String name() {
    return name;
  }

  /** Number of examples. */
  public int size() {
    return size;
  }

  /** Features per example: the product of {@link #featureShape()}. */
  public int numFeatures() {
    return numFeatures;
  }

  /** Shape of one example's features, e.g. {1, 28, 28} (channels, rows, columns) or {d}. */
  public int[] featureShape() {
    return featureShape.clone();
  }

  public Task task() {
    return task;
  }

  /** Number of classes for classification; 0 for regression. */
  public int numClasses() {
    return numClasses;
  }

  /** True if features are stored as unsigned bytes (0..255), false if as floats. */
  public boolean isByteFeatures() {
    return bytes != null;
  }

  /** Unscaled feature {@code col} of example {@code row} (bytes as 0..255). */
  public float rawFeature(int row, int col) {
    Objects.checkIndex(row, size);
    Objects.checkIndex(col, numFeatures);
    int i = row * numFeatures + col;
    return bytes != null ? (bytes[i] & 0xFF) : floats[i];
  }

  /** Copies example {@code row}'s unscaled features into {@code dst[dstOffset ..]}. */
  public void copyRawFeatures(int row, float[] dst, int dstOffset) {
    Objects.checkIndex(row, size);
    Objects.checkFromIndexSize(dstOffset, numFeatures, dst.length);
    int from = row * numFeatures;
    if (floats != null) {
      System.arraycopy(floats, from, dst, dstOffset, numFeatures);
      return;
    }
    for (int j = 0; j < numFeatures; j++) {
      dst[dstOffset + j] = bytes[from + j] & 0xFF;
    }
  }

  /**
   * Features of example {@code row} as {@code (raw - offset[j]) * scale[j]}, into {@code dst} from
   * {@code dstOffset}: {@link #copyRawFeatures} and the scaling in one pass, with the same float
   * operations (batch assembly reads every feature once instead of twice).
   */
  public void copyScaledFeatures(int row, float[] offset, float[] scale, float[] dst, int dstOffset) {
    Objects.checkIndex(row, size);
    Objects.checkFromIndexSize(dstOffset, numFeatures, dst.length);
    if (offset.length != numFeatures || scale.length != numFeatures) {
      throw new IllegalArgumentException(name + " has " + numFeatures + " features, but the scaling has "
          + offset.length + " offsets and " + scale.length + " scales");
    }
    int from = row * numFeatures;
    if (floats != null) {
      for (int j = 0; j < numFeatures; j++) {
        dst[dstOffset + j] = (floats[from + j] - offset[j]) * scale[j];
      }
      return;
    }
    for (int j = 0; j < numFeatures; j++) {
      dst[dstOffset + j] = ((float) (bytes[from + j] & 0xFF) - offset[j]) * scale[j];
    }
  }

  /** Class label of example {@code row}, in [0, numClasses). */
  public int label(int row) {
    if (labels == null) {
      throw new IllegalStateException(name + " is a regression dataset: it has no class labels");
    }
    return labels[row];
  }

  /** Regression target of example {@code row}. */
  public float target(int row) {
    if (targets == null) {
      throw new IllegalStateException(name + " is a classification dataset: it has no targets");
    }
    return targets[row];
  }

  /** Examples per class (length numClasses; empty for regression). */
  public int[] labelHistogram() {
    int[] counts = new int[numClasses];
    if (labels != null) {
      for (int label : labels) {
        counts[label]++;
      }
    }
    return counts;
  }

  /** A new dataset holding copies of the given rows, in the given order, same storage kind. */
  public Dataset select(int[] rows, String newName) {
    for (int r : rows) {
      Objects.checkIndex(r, size);
    }
    return new Dataset(newName, featureShape,
        bytes == null ? null : gatherBytes(rows), floats == null ? null : gatherFloats(rows),
        labels == null ? null : gatherInts(labels, rows),
        targets == null ? null : gatherTargets(rows), numClasses);
  }

  /**
   * "sha256:" + 16 hex digits over the content: storage kind, shape, task, class count, features
   * and labels or targets. Independent of {@link #name()}; stable across JVMs and runs.
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = computeFingerprint();
      fingerprint = f;
    }
    return f;
  }

  @Override
  public String toString() {
    return name + " (" + size + " x " + Arrays.toString(featureShape) + ", "
        + (bytes != null ? "bytes" : "floats") + ", " + task
        + (labels != null ? ", " + numClasses + " classes" : "") + ")";
  }

  // Package-private views for the validator; never handed to other packages.
  byte[] byteStorage() {
    return bytes;
  }

  float[] floatStorage() {
    return floats;
  }

  int[] labelStorage() {
    return labels;
  }

  float[] targetStorage() {
    return targets;
  }

  int[] shapeStorage() {
    return featureShape;
  }

  private String computeFingerprint() {
    DigestSink sink = new DigestSink().putString(FINGERPRINT_FORMAT);
    sink.putInt(bytes != null ? 0 : 1).putInts(featureShape).putString(task.name());
    sink.putInt(numClasses).putInt(size);
    if (bytes != null) {
      sink.putInt(bytes.length).putBytes(bytes);
    } else {
      sink.putFloats(floats);
    }
    if (labels != null) {
      sink.putInts(labels);
    } else {
      sink.putFloats(targets);
    }
    return sink.fingerprint();
  }

  private byte[] gatherBytes(int[] rows) {
    byte[] out = new byte[rows.length * numFeatures];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(bytes, rows[i] * numFeatures, out, i * numFeatures, numFeatures);
    }
    return out;
  }

  private float[] gatherFloats(int[] rows) {
    float[] out = new float[rows.length * numFeatures];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(floats, rows[i] * numFeatures, out, i * numFeatures, numFeatures);
    }
    return out;
  }

  private float[] gatherTargets(int[] rows) {
    float[] out = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = targets[rows[i]];
    }
    return out;
  }

  private static int[] gatherInts(int[] values, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  static long product(int[] shape) {
    long p = 1;
    for (int d : shape) {
      p *= d;
      if (p > Integer.MAX_VALUE || p <= 0) {
        return p <= 0 ? 0 : Integer.MAX_VALUE + 1L;
      }
    }
    return p;
  }

  private static <T> T nonNull(T value, String name, String what) {
    if (value == null) {
      throw new InvalidInputException(name + ": " + what + " are missing (null)");
    }
    return value;
  }

  // A serialized Dataset may come from anywhere: check it exactly as the factories do.
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    DatasetValidator.validate(this);
  }
}
