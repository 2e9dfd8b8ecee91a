package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** MNIST-format IDX files (images idx3, labels idx1), gzip or raw. */
public record IdxFilesSpec(
    @Doc("Training images (IDX, magic 0x00000803).") String trainImages,
    @Doc("Training labels (IDX, magic 0x00000801).") String trainLabels,
    @Doc("Test images.") String testImages,
    @Doc("Test labels.") String testLabels,
    @Doc("Number of classes; a label >= classes is an error. null infers max label + 1.")
    @Default("null") @Min(2) Integer classes) {}
