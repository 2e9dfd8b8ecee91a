package io.troupe.driver.data;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import java.util.Iterator;
import org.apache.spark.sql.Encoders;

/**
 * Brings a checked part's rows to the driver, one partition at a time, into a {@link Dataset}.
 * Rows keep the order Spark reads them in (for one file, the file's order), so the same files give
 * the same Dataset and the same fingerprint.
 */
final class RowCollector {
  private RowCollector() {}

  /**
   * @param rows the part's rows as counted; the arrays are sized from it before any row arrives
   * @param shape the feature shape of one example, e.g. {784} or {1, 28, 28}
   * @param classes the class count (classification), ignored for regression
   * @param pixels keep features as bytes
   */
  static Dataset collect(PartColumns columns, long rows, int[] shape, Task task, int classes, boolean pixels) {
    DatasetBuilder builder = new DatasetBuilder(columns, Math.toIntExact(rows), shape, task, pixels);
    // toLocalIterator fetches one partition at a time: no spark.driver.maxResultSize for the whole.
    Iterator<LabeledRow> it = columns.normalized().as(Encoders.bean(LabeledRow.class)).toLocalIterator();
    while (it.hasNext()) {
      LabeledRow row = it.next();
      builder.add(row.getFeatures(), row.getLabel());
    }
    return builder.build(classes);
  }
}
