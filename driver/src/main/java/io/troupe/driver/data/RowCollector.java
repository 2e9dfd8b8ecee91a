package io.troupe.driver.data;

import io.troupe.InvalidInputException;
import io.troupe.data.Dataset;
import io.troupe.data.Task;
import java.util.Iterator;
import org.apache.spark.sql.Encoders;

/**
 * Brings a checked part's rows to the driver, one partition at a time, straight into the arrays of
 * a {@link Dataset}: floats, or bytes for pixels, which must be whole numbers in 0..255 (checked
 * here, where it costs nothing; in Spark it takes a lambda per value). Rows keep the order Spark
 * reads them in (for one file, the file's order), so the same files give the same Dataset and the
 * same fingerprint.
 */
final class RowCollector {
  private RowCollector() {}

  /**
   * @param rows the part's rows as counted; arrays are sized from it before any row arrives
   * @param shape the feature shape of one example, e.g. {784} or {1, 28, 28}
   * @param classes the class count (classification), ignored for regression
   * @param pixels keep features as bytes
   */
  static Dataset collect(PartColumns columns, long rows, int[] shape, Task task, int classes, boolean pixels) {
    int n = Math.toIntExact(rows);
    int features = Math.toIntExact(product(shape));
    float[] floats = pixels ? null : new float[Math.toIntExact((long) n * features)];
    byte[] bytes = pixels ? new byte[Math.toIntExact((long) n * features)] : null;
    int[] labels = task == Task.CLASSIFICATION ? new int[n] : null;
    float[] targets = task == Task.CLASSIFICATION ? null : new float[n];
    // toLocalIterator fetches one partition at a time: no spark.driver.maxResultSize for the whole.
    Iterator<LabeledRow> it = columns.normalized().as(Encoders.bean(LabeledRow.class)).toLocalIterator();
    int row = 0;
    long badRows = 0;
    Float badExample = null;
    while (it.hasNext()) {
      LabeledRow r = it.next();
      if (row == n || r.getFeatures().length != features) {
        throw changed(columns, rows);
      }
      if (pixels) {
        float[] f = r.getFeatures();
        int bad = firstNonPixel(f);
        if (bad >= 0) {
          badRows++;
          badExample = badExample == null ? f[bad] : badExample;
        }
        for (int j = 0; j < features; j++) {
          bytes[row * features + j] = (byte) (int) f[j];
        }
      } else {
        System.arraycopy(r.getFeatures(), 0, floats, row * features, features);
      }
      if (labels != null) {
        labels[row] = (int) r.getLabel();
      } else {
        targets[row] = (float) r.getLabel();
      }
      row++;
    }
    if (row != n) {
      throw changed(columns, rows);
    }
    if (badRows > 0) {
      throw new InvalidInputException("data.spark.features: " + PartChecks.describe(columns) + " has values that are"
          + " not whole numbers in 0..255 in " + badRows + " of " + rows + " rows of " + columns.part().where()
          + " (e.g. " + PartChecks.number((double) badExample) + "), but data.spark.imageShape says they are pixels");
    }
    String name = columns.part().where();
    if (pixels) {
      return Dataset.ofBytes(name, shape, bytes, labels, classes);
    }
    return labels != null ? Dataset.ofFloats(name, shape, floats, labels, classes)
        : Dataset.ofFloatsRegression(name, shape, floats, targets);
  }

  /** The index of the first value that is not a whole number in 0..255 (NaN included), or -1. */
  private static int firstNonPixel(float[] values) {
    for (int j = 0; j < values.length; j++) {
      float v = values[j];
      if (!(v >= 0 && v <= 255 && v == Math.rint(v))) {
        return j;
      }
    }
    return -1;
  }

  private static IllegalStateException changed(PartColumns columns, long rows) {
    return new IllegalStateException(columns.part().where() + " changed while it was read: it had " + rows
        + " rows of the same length when counted");
  }

  private static long product(int[] shape) {
    long p = 1;
    for (int d : shape) {
      p *= d;
    }
    return p;
  }
}
