package io.troupe.eval;

import io.troupe.data.Dataset;
import io.troupe.data.Task;
import java.util.Objects;

/**
 * How close a regressor's outputs are to the targets, in the targets' units.
 *
 * @param mse mean squared error (units squared), &gt;= 0
 * @param mae mean absolute error (units), &gt;= 0
 */
public record RegressionMetrics(double mse, double mae) {
  public RegressionMetrics {
    if (!(mse >= 0 && mse < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("mse = " + mse + " must be finite and >= 0");
    }
    if (!(mae >= 0 && mae < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("mae = " + mae + " must be finite and >= 0");
    }
  }

  /**
   * Metrics of single-column predictions {@code p} against {@code targets[i]}.
   *
   * @throws IllegalArgumentException if p has more than one column, the counts differ or are
   *     0, or an output or target is not finite
   */
  public static RegressionMetrics of(Predictions p, float[] targets) {
    validate(p, targets);
    double squared = 0;
    double absolute = 0;
    for (int i = 0; i < targets.length; i++) {
      double error = (double) p.output(i) - targets[i];
      squared += error * error;
      absolute += Math.abs(error);
    }
    return new RegressionMetrics(squared / targets.length, absolute / targets.length);
  }

  /** Metrics of {@code p} against the targets of regression dataset {@code d}. */
  public static RegressionMetrics of(Predictions p, Dataset d) {
    Objects.requireNonNull(p, "predictions");
    Objects.requireNonNull(d, "dataset");
    if (d.task() != Task.REGRESSION) {
      throw new IllegalArgumentException(d.name() + " is not a regression dataset");
    }
    if (d.size() != p.rows()) {
      throw new IllegalArgumentException("predictions have " + p.rows() + " rows but "
          + d.name() + " has " + d.size() + " examples");
    }
    float[] targets = new float[d.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = d.target(i);
    }
    return of(p, targets);
  }

  private static void validate(Predictions p, float[] targets) {
    Objects.requireNonNull(p, "predictions");
    Objects.requireNonNull(targets, "targets");
    if (p.columns() != 1) {
      throw new IllegalArgumentException("regression metrics need single-column predictions, "
          + "these have " + p.columns() + " columns");
    }
    if (p.rows() != targets.length) {
      throw new IllegalArgumentException("predictions have " + p.rows() + " rows but there are "
          + targets.length + " targets");
    }
    if (targets.length == 0) {
      throw new IllegalArgumentException("no examples: metrics of an empty set are undefined");
    }
    for (int i = 0; i < targets.length; i++) {
      if (!Float.isFinite(p.output(i)) || !Float.isFinite(targets[i])) {
        throw new IllegalArgumentException("row " + i + ": output " + p.output(i)
            + " and target " + targets[i] + " must both be finite");
      }
    }
  }
}
