package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Hyperband as asynchronous ASHA brackets: bracket s starts its trials at the s-th rung, minEpochs * reduction^s. */
public record HyperbandSpec(
    @Doc("Epochs at the first rung of bracket 0, the most aggressive bracket.")
    @Default("1") @Min(1) int minEpochs,
    @Doc("Epochs at the last rung of every bracket.")
    @Default("27") @Min(1) int maxEpochs,
    @Doc("Reduction factor eta: the top 1/eta of a rung is promoted; bracket s starts at minEpochs * eta^s epochs.")
    @Default("3") @Min(2) int reduction,
    @Doc("Brackets 0 .. brackets-1; null: one per rung of bracket 0, as in Hyperband (the last bracket trains all its trials to maxEpochs). search.trials is split across them in Hyperband's proportions.")
    @Default("null") @Min(1) Integer brackets)
    implements CrossChecked {

  /** The brackets run: as given, else one per rung from minEpochs to maxEpochs. */
  public int bracketCount() {
    return brackets != null ? brackets : rungCount();
  }

  /** Rungs of bracket 0, as ASHA places them: minEpochs * reduction^k while below maxEpochs, then maxEpochs. */
  public int rungCount() {
    int below = 0;
    for (long epochs = minEpochs; epochs < maxEpochs; epochs *= reduction) {
      below++;
    }
    return below + 1;
  }

  @Override
  public void crossCheck(Checks checks) {
    if (minEpochs >= maxEpochs) {
      checks.fail("minEpochs", "must be < " + checks.path("maxEpochs") + " (" + maxEpochs + "), got " + minEpochs);
    } else if (brackets != null && brackets > rungCount()) {
      checks.fail("brackets", "must be <= " + rungCount() + ", the rungs from " + checks.path("minEpochs") + " to "
          + checks.path("maxEpochs") + " (bracket s starts at the s-th), got " + brackets);
    }
  }
}
