package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Early stop for exploding runs (seed 002): "if the cost is ever > 3x original cost, break out early". */
public record DivergenceSpec(
    @Doc("Whether to stop a trial as DIVERGED on NaN/Inf loss or loss above lossFactor x its initial loss.")
    @Default("true") boolean enabled,
    @Doc("k in 'loss > k x initial loss'.")
    @Default("3.0") @Min(value = 1, exclusive = true) double lossFactor) {}
