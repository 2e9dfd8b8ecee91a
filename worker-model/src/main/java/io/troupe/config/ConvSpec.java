package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;
import java.util.List;

/** Conv blocks of a cnn: each is convolution (same padding), optional batch norm, activation, max pooling. */
public record ConvSpec(
    @Doc("Output channels of each conv block, input side first.")
    @Default("[32, 64]") @Min(1) List<Integer> channels,
    @Doc("Square kernel size in pixels.")
    @Default("3") @Min(1) int kernel,
    @Doc("Max-pooling window and stride after each block (1 disables pooling).")
    @Default("2") @Min(1) int pool) {

  public ConvSpec {
    channels = List.copyOf(channels);
  }
}
