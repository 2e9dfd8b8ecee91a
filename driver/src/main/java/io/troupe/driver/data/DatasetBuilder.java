package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.data.Dataset;
import io.troupe.data.Task;

/**
 * Fills the arrays of a {@link Dataset} row by row, sized up front from the counted rows: floats,
 * or bytes for pixels, which must be whole numbers in 0..255. Pixels are checked here, where it
 * costs nothing; in Spark it would take a lambda per value, which Spark runs uncompiled.
 */
final class DatasetBuilder {
  private final PartColumns columns;
  private final int rows;
  private final int[] shape;
  private final int features;
  private final float[] floats;
  private final byte[] bytes;
  private final int[] labels;
  private final float[] targets;
  private int row;
  private long badPixelRows;
  private float badPixel;

  DatasetBuilder(PartColumns columns, int rows, int[] shape, Task task, boolean pixels) {
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

  void add(float[] values, double label) {
    if (row == rows || values.length != features) {
      throw changed();
    }
    if (bytes != null) {
      addPixels(values);
    } else {
      System.arraycopy(values, 0, floats, row * features, features);
    }
    if (labels != null) {
      labels[row] = (int) label;
    } else {
      targets[row] = (float) label;
    }
    row++;
  }

  /** The Dataset, named after the part's path or table; bad input if a pixel was not one. */
  Dataset build(int classes) {
    if (row != rows) {
      throw changed();
    }
    if (badPixelRows > 0) {
      throw new InvalidInputException("data.spark.features: " + PartChecks.describe(columns) + " has values that are"
          + " not whole numbers in 0..255 in " + badPixelRows + " of " + rows + " rows of " + columns.part().where()
          + " (e.g. " + PartChecks.number((double) badPixel) + "), but data.spark.imageShape says they are pixels");
    }
    String name = columns.part().where();
    if (bytes != null) {
      return Dataset.ofBytes(name, shape, bytes, labels, classes);
    }
    return labels != null ? Dataset.ofFloats(name, shape, floats, labels, classes)
        : Dataset.ofFloatsRegression(name, shape, floats, targets);
  }

  private void addPixels(float[] values) {
    boolean bad = false;
    for (int j = 0; j < features; j++) {
      float v = values[j];
      if (!bad && !(v >= 0 && v <= 255 && v == Math.rint(v))) { // NaN fails too
        bad = true;
        badPixel = badPixelRows == 0 ? v : badPixel;
      }
      bytes[row * features + j] = (byte) (int) v;
    }
    badPixelRows += bad ? 1 : 0;
  }

  private IllegalStateException changed() {
    return new IllegalStateException(columns.part().where() + " changed while it was read: it had " + rows
        + " rows of " + features + " features when counted");
  }
}
