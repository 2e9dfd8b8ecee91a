package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/**
 * Stops a trial when validation stops improving, and by default restores the weights of its best
 * epoch, so the recorded metrics and the saved model are those of that epoch.
 */
public record EarlyStoppingSpec(
    @Doc("Epochs without an improvement of the metric by more than minDelta before the trial stops. null never stops early.")
    @Default("null") @Min(1) Integer patience,
    @Doc("The validation metric watched: val_loss, val_accuracy or val_mse. null uses objective.metric.")
    @Default("null") Metric metric,
    @Doc("The least change that counts as an improvement (in the metric's own units).")
    @Default("0.0") @Min(0) double minDelta,
    @Doc("Restore the best epoch's weights at the end (batch-norm statistics included), so metrics, predictions and the saved model are the best epoch's.")
    @Default("true") boolean restoreBest) {

  public boolean enabled() {
    return patience != null;
  }
}
