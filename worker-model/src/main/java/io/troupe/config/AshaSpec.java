package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Asynchronous successive halving: rungs at minEpochs * reduction^k up to maxEpochs. */
public record AshaSpec(
    @Doc("Epochs at the first rung.")
    @Default("1") @Min(1) int minEpochs,
    @Doc("Epochs at the last rung.")
    @Default("27") @Min(1) int maxEpochs,
    @Doc("Reduction factor eta: the top 1/eta of a rung is promoted.")
    @Default("3") @Min(2) int reduction)
    implements CrossChecked {

  @Override
  public void crossCheck(Checks checks) {
    if (minEpochs >= maxEpochs) {
      checks.fail("minEpochs", "must be < " + checks.path("maxEpochs") + " (" + maxEpochs + "), got " + minEpochs);
    }
  }
}
