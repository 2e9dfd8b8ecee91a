package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Training-time image augmentation, seeded per epoch; validation and test are never augmented. */
public record AugmentSpec(
    @Doc("Mirror each training image left-right with probability 1/2.")
    @Default("false") boolean horizontalFlip,
    @Doc("Shift each training image by up to this many pixels in x and y (0 disables).")
    @Default("0") @Min(0) int maxShift) {

  public boolean enabled() {
    return horizontalFlip || maxShift > 0;
  }
}
