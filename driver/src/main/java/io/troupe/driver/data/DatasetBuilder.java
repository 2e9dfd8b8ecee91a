package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.data.Dataset;
import io.troupe.data.Task;

/**
 * Fills the arrays of a {@link Dataset} row by row, sized up front from the counted rows: floats,
 * or bytes for pixels, which must be whole numbers in 0..255. Pixels are checked here, where it
 * costs nothing; in Spark it would take a lambda per value, which Spark runs uncompiled. Builds on
 * the driver (collected parts) and on executors (a partitioned training part, whose bad pixels the
 * driver reports from {@link #badPixelRows()}).
 */
final class DatasetBuilder {
  private final String where;
  private final String columns;
  private final int rows;
  private final int[] shape;
  private final int features;
  private final float[] floats;
  private final byte[] bytes;
  private final int[] labels;
  private final float[] targets;
  private int row;
  private int filled;
  private long badPixelRows;
  private float badPixel;

  DatasetBuilder(PartColumns columns, int rows, int[] shape, Task task, boolean pixels) {
    this(columns.part().where(), PartChecks.describe(columns), rows, shape, task, pixels);
  }

  /**
   * @param where the part's path or table, which names the Dataset and messages
   * @param columns its feature columns as messages name them
   */
  DatasetBuilder(String where, String columns, int rows, int[] shape, Task task, boolean pixels) {
    this.where = where;
    this.columns = columns;
    this.rows = rows;
    this.shape = shape.clone();
    int perRow = 1;
    for (int d : shape) {
      perRow = Math.multiplyExact(perRow, d);
    }
    this.features = perRow;
    int values = Math.multiplyExact(rows, perRow);
    this.floats = pixels ? null : new float[values];
    this.bytes = pixels ? new byte[values] : null;
    this.labels = task == Task.CLASSIFICATION ? new int[rows] : null;
    this.targets = task == Task.CLASSIFICATION ? null : new float[rows];
  }

  /** The next row. */
  void add(float[] values, double label) {
    set(row++, values, label);
  }

  /** Row {@code at}, which arrives in any order; each row once. */
  void set(int at, float[] values, double label) {
    if (at >= rows || values.length != features) {
      throw changed();
    }
    if (bytes != null) {
      setPixels(at, values);
    } else {
      System.arraycopy(values, 0, floats, at * features, features);
    }
    if (labels != null) {
      labels[at] = (int) label;
    } else {
      targets[at] = (float) label;
    }
    filled++;
  }

  /** The Dataset, named after the part's path or table; bad input if a pixel was not one. */
  Dataset build(int classes) {
    Dataset built = unchecked(classes);
    if (badPixelRows > 0) {
      throw new InvalidInputException(badPixels(columns, badPixelRows, rows, where, badPixel));
    }
    return built;
  }

  /** The Dataset, bad pixels or not (an executor's part: the driver reports them for all parts at once). */
  Dataset unchecked(int classes) {
    if (filled != rows) {
      throw changed();
    }
    String name = where;
    if (bytes != null) {
      return Dataset.ofBytes(name, shape, bytes, labels, classes);
    }
    return labels != null ? Dataset.ofFloats(name, shape, floats, labels, classes)
        : Dataset.ofFloatsRegression(name, shape, floats, targets);
  }

  /** Rows with a value that is not a pixel. */
  long badPixelRows() {
    return badPixelRows;
  }

  /** The first such value seen. */
  float badPixel() {
    return badPixel;
  }

  /** What bad input says when {@code badRows} of {@code rows} rows of {@code where} hold a value that is not a pixel. */
  static String badPixels(String columns, long badRows, long rows, String where, float example) {
    return "data.spark.features: " + columns + " has values that are not whole numbers in 0..255 in " + badRows
        + " of " + rows + " rows of " + where + " (e.g. " + PartChecks.number((double) example)
        + "), but data.spark.imageShape says they are pixels";
  }

  private void setPixels(int at, float[] values) {
    boolean bad = false;
    for (int j = 0; j < features; j++) {
      float v = values[j];
      if (!bad && !(v >= 0 && v <= 255 && v == Math.rint(v))) { // NaN fails too
        bad = true;
        badPixel = badPixelRows == 0 ? v : badPixel;
      }
      bytes[at * features + j] = (byte) (int) v;
    }
    badPixelRows += bad ? 1 : 0;
  }

  private IllegalStateException changed() {
    return new IllegalStateException(where + " changed while it was read: it had " + rows
        + " rows of " + features + " features when counted");
  }
}
