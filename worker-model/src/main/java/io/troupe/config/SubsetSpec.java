package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Size caps, taken from the seeded shuffle so a subset is a random sample. */
public record SubsetSpec(
    @Doc("Training examples kept. Changing it never changes the validation set.")
    @Default("null") @Min(1) Integer train,
    @Doc("Validation examples kept.")
    @Default("null") @Min(1) Integer validation,
    @Doc("Test examples kept (a seeded sample of the test set).")
    @Default("null") @Min(1) Integer test) {}
