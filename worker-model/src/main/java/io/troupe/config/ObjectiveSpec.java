package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.data.Task;

/** What "best" means. Always measured on validation data, never on the test set. */
public record ObjectiveSpec(
    @Doc("val_accuracy, val_loss or val_mse. null picks val_accuracy for classification, val_mse for regression.")
    @Default("null") Metric metric,
    @Doc("maximize or minimize. null takes the metric's natural direction.")
    @Default("null") Direction direction,
    @Doc("With search.repeats: mean ranks each configuration by the mean of its repeats (the leaderboard, best.yaml and coarse-to-fine's top-k use it); each ranks every trial on its own.")
    @Default("mean") RepeatRanking repeats) {

  /** The metric with the task's default filled in. */
  public Metric metricFor(Task task) {
    if (metric != null) {
      return metric;
    }
    return task == Task.REGRESSION ? Metric.VAL_MSE : Metric.VAL_ACCURACY;
  }

  public Direction directionFor(Task task) {
    return direction != null ? direction : metricFor(task).naturalDirection();
  }
}
