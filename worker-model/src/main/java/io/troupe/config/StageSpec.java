package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** One coarse-to-fine stage (seeds 001, 002): few epochs and wide ranges first, then narrower and longer. */
public record StageSpec(
    @Doc("Trials sampled in this stage.")
    @Min(1) int trials,
    @Doc("Epochs each trial of this stage trains (overrides train.epochs).")
    @Min(1) int epochs,
    @Doc("How many of the previous stage's best trials define this stage's ranges (ignored for the first stage).")
    @Default("5") @Min(1) int topK,
    @Doc("Margin added on each side of the narrowed range, as a fraction of its width (in log space for log domains).")
    @Default("0.25") @Min(0) double margin) {}
