package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/**
 * Seeded synthetic data for fast tests: Gaussian blobs (classification) or a linear teacher
 * y = w.x + b + noise (regression), chosen by data.task.
 */
public record SyntheticSpec(
    @Doc("Examples in the training file (validation is carved from these).")
    @Default("2000") @Min(1) int trainSize,
    @Doc("Examples in the test set.")
    @Default("500") @Min(1) int testSize,
    @Doc("Input dimension.")
    @Default("20") @Min(1) int features,
    @Doc("Number of blobs (classes); classification only.")
    @Default("3") @Min(2) int classes,
    @Doc("Standard deviation of each blob around its centre; larger overlaps more.")
    @Default("1.0") @Min(value = 0, exclusive = true) double clusterStd,
    @Doc("Standard deviation of the teacher's output noise; regression only.")
    @Default("0.1") @Min(0) double noise) {}
