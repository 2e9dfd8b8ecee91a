package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;

/** Weight averages kept alongside training, at most one extra copy of the parameters each. */
public record AveragingSpec(
    @Doc("Stochastic weight averaging: average the weights after each epoch from this epoch on (0-based). null disables.")
    @Default("null") @Min(0) Integer swaStartEpoch,
    @Doc("Exponential moving average of the weights, updated every iteration with this decay. null disables.")
    @Default("null") @Min(value = 0, exclusive = true) @Max(value = 1, exclusive = true) Double emaDecay) {}
