package io.troupe.eval;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A model's outputs on {@link #rows()} examples, stored compactly as one row-major float array.
 * Classification: {@link #columns()} = number of classes and row {@code r} holds the class
 * probabilities of example {@code r}. Regression: one column holding the predicted value.
 * Immutable; values are not checked here (the metrics check what they need).
 *
 * <p>Binary format ({@link #writeTo}/{@link #readFrom}), all little-endian: the 4 ASCII bytes
 * "TRPR", int32 format version (1), int32 rows, int32 columns, then rows x columns float32
 * values, row-major. 16 + 4 x rows x columns bytes in all.
 */
public final class Predictions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] MAGIC = "TRPR".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 16;
  private static final int CHUNK_FLOATS = 1 << 14;

  private final float[] data;
  private final int rows;
  private final int columns;

  private Predictions(float[] data, int rows, int columns) {
    this.data = data;
    this.rows = rows;
    this.columns = columns;
    checkShape(data, rows, columns);
  }

  /**
   * Predictions from a row-major [rows x columns] array, which is copied.
   *
   * @throws IllegalArgumentException if rows &lt; 0, columns &lt; 1 or the length is not
   *     rows x columns
   */
  public static Predictions fromRows(float[] data, int rows, int columns) {
    Objects.requireNonNull(data, "data");
    return new Predictions(data.clone(), rows, columns);
  }

  /** Number of examples. */
  public int rows() {
    return rows;
  }

  /** Values per example: the number of classes, or 1 for regression. */
  public int columns() {
    return columns;
  }

  /** Probability the model gives class {@code cls} for example {@code row}. */
  public float probability(int row, int cls) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(cls, columns);
    return data[row * columns + cls];
  }

  /**
   * The most probable class of example {@code row}. Ties go to the lowest class index (as the
   * vote combiner does); NaN never wins against a number (all NaN gives 0).
   */
  public int predictedClass(int row) {
    Objects.checkIndex(row, rows);
    int from = row * columns;
    int best = 0;
    for (int k = 1; k < columns; k++) {
      // Strictly greater: an equal later class does not displace the earlier one.
      float p = data[from + k];
      float q = data[from + best];
      if (p > q || (Float.isNaN(q) && !Float.isNaN(p))) {
        best = k;
      }
    }
    return best;
  }

  /** The regression output of example {@code row}; only for single-column predictions. */
  public float output(int row) {
    if (columns != 1) {
      throw new IllegalStateException(
          "output(row) needs single-column (regression) predictions, these have " + columns);
    }
    Objects.checkIndex(row, rows);
    return data[row];
  }

  /** A copy of all values, row-major [rows x columns]. */
  public float[] toArray() {
    return data.clone();
  }

  /** Writes the binary format described above; does not close {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).putInt(VERSION).putInt(rows).putInt(columns);
    out.write(header.array());
    ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < data.length; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, data.length - from);
      chunk.clear();
      chunk.asFloatBuffer().put(data, from, n);
      out.write(chunk.array(), 0, 4 * n);
    }
  }

  /**
   * Reads predictions written by {@link #writeTo}; consumes exactly their bytes and does not
   * close {@code in}.
   *
   * @throws IOException if the stream is not in this format ({@link EOFException} if it ends
   *     early)
   */
  public static Predictions readFrom(InputStream in) throws IOException {
    ByteBuffer header = ByteBuffer.wrap(readFully(in, HEADER_BYTES, "header"))
        .order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    header.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a Troupe predictions stream: starts with "
          + Arrays.toString(magic) + ", expected \"TRPR\"");
    }
    int version = header.getInt();
    if (version != VERSION) {
      throw new IOException("predictions format version " + version
          + " is not supported (this build reads version " + VERSION + ")");
    }
    int rows = header.getInt();
    int columns = header.getInt();
    String problem = shapeProblem(rows, columns);
    if (problem != null) {
      throw new IOException("corrupt predictions header: " + problem);
    }
    return new Predictions(readFloats(in, rows * columns), rows, columns);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Predictions p && rows == p.rows && columns == p.columns
        && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + columns) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Predictions[" + rows + " x " + columns + "]";
  }

  // Grows the array as data arrives, so a corrupt header claiming billions of values fails with
  // EOFException instead of allocating gigabytes first.
  private static float[] readFloats(InputStream in, int total) throws IOException {
    float[] values = new float[Math.min(total, CHUNK_FLOATS)];
    ByteBuffer bytes = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
    for (int from = 0; from < total; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, total - from);
      int got = in.readNBytes(bytes.array(), 0, 4 * n);
      if (got < 4 * n) {
        throw new EOFException("predictions stream truncated: expected " + total
            + " values, it ends after " + (from + got / 4));
      }
      if (values.length < from + n) {
        long grown = Math.max(from + n, 2L * values.length);
        values = Arrays.copyOf(values, (int) Math.min(total, grown));
      }
      bytes.clear();
      bytes.asFloatBuffer().get(values, from, n);
    }
    return values;
  }

  private static byte[] readFully(InputStream in, int n, String what) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("predictions stream truncated: the " + what + " needs " + n
          + " bytes, got " + b.length);
    }
    return b;
  }

  private static void checkShape(float[] data, int rows, int columns) {
    String problem = shapeProblem(rows, columns);
    if (problem == null && data.length != rows * columns) {
      problem = "length " + data.length + " is not rows x columns = " + rows + " x " + columns;
    }
    if (problem != null) {
      throw new IllegalArgumentException("predictions: " + problem);
    }
  }

  private static String shapeProblem(int rows, int columns) {
    if (rows < 0 || columns < 1) {
      return "rows must be >= 0 and columns >= 1, got " + rows + " x " + columns;
    }
    if ((long) rows * columns > Integer.MAX_VALUE - 8) {
      return rows + " x " + columns + " values do not fit in one array";
    }
    return null;
  }

  // A serialized Predictions may come from anywhere: check it as the factory does.
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (data == null) {
      throw new InvalidObjectException("predictions: data is missing");
    }
    try {
      checkShape(data, rows, columns);
    } catch (IllegalArgumentException e) {
      throw new InvalidObjectException(e.getMessage());
    }
  }
}
