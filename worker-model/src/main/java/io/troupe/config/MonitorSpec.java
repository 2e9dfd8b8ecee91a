package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Training diagnostics (seeds 002, 004): what is measured beyond losses and accuracy. */
public record MonitorSpec(
    @Doc("Record update:weight ratios and gradient norms per layer, and activation statistics per layer.")
    @Default("true") boolean enabled,
    @Doc("Sample update:weight ratios and gradient norms every this many iterations (averaged per epoch).")
    @Default("10") @Min(1) int everyIterations,
    @Doc("Validation examples forwarded once per epoch for activation mean/std/saturation per layer.")
    @Default("512") @Min(1) int probeExamples,
    @Doc("Training examples scored once per epoch, in inference mode, for the train accuracy and the train/validation gap.")
    @Default("5000") @Min(1) int trainEvalExamples) {}
