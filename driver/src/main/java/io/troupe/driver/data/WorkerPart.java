package io.troupe.driver.data;

import io.troupe.data.Dataset;
import io.troupe.data.FeatureSums;
import java.io.Serializable;

/**
 * One data-parallel worker's share of a partitioned training part, as it stays cached on an
 * executor: its rows in training order, and the pixels that were not pixels (reported by the
 * driver, which names the field; an executor's exception would only fail the task).
 */
public record WorkerPart(Dataset rows, long badPixelRows, float badPixel) implements Serializable {

  /** What the driver needs of a part: how many rows, bad pixels, and the scaling sums. */
  Summary summary(boolean sums) {
    return new Summary(rows.size(), badPixelRows, badPixel, sums ? FeatureSums.of(rows) : null);
  }

  record Summary(int rows, long badPixelRows, float badPixel, FeatureSums sums) implements Serializable {}
}
