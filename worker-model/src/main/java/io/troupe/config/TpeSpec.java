package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** The Parzen-estimator sampler (search.strategy: tpe), with Optuna 3.1's defaults. */
public record TpeSpec(
    @Doc("Configurations drawn at random (random search's own) before the estimator takes over.")
    @Default("10") @Min(1) int startupTrials,
    @Doc("Candidates drawn from the good density per ask; the one with the best ratio of good to bad density wins.")
    @Default("24") @Min(1) int candidates,
    @Doc("One joint density over every dimension (true) or one per dimension (false).")
    @Default("false") boolean multivariate,
    @Doc("Weight of the prior (a broad kernel over the whole range) in each density.")
    @Default("1.0") @Min(value = 0, exclusive = true) double priorWeight) {}
