package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** LIBSVM/SVMlight sparse text: {@code label index:value ...}, 1-based increasing indices. */
public record LibSvmSpec(
    @Doc("Training file.") String train,
    @Doc("Test file.") String test,
    @Doc("Number of features; 0 infers the largest index seen in either file.")
    @Default("0") @Min(0) int features) {}
