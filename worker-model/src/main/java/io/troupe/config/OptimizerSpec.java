package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;

/** The update rule and its constants. Unused constants are ignored by the other rules. */
public record OptimizerSpec(
    @Doc("sgd, momentum (classical heavy-ball), nesterov, adagrad, rmsprop or adam.")
    @Default("adam") OptimizerType type,
    @Doc("Base learning rate (the schedule scales it).")
    @Default("1.0e-3") @Min(value = 0, exclusive = true) double lr,
    @Doc("Momentum coefficient beta for momentum and nesterov.")
    @Default("0.9") @Min(0) @Max(value = 1, exclusive = true) double momentum,
    @Doc("Adam's first-moment decay.")
    @Default("0.9") @Min(0) @Max(value = 1, exclusive = true) double beta1,
    @Doc("Adam's second-moment decay.")
    @Default("0.999") @Min(0) @Max(value = 1, exclusive = true) double beta2,
    @Doc("RMSProp's squared-gradient decay.")
    @Default("0.95") @Min(value = 0, exclusive = true) @Max(value = 1, exclusive = true) double rmsDecay,
    @Doc("Denominator epsilon of adagrad, rmsprop and adam.")
    @Default("1.0e-8") @Min(value = 0, exclusive = true) double epsilon) {}
