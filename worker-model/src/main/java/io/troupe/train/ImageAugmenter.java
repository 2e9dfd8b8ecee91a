package io.troupe.train;

import io.troupe.config.AugmentSpec;
import java.util.Random;

/**
 * Training-time augmentation of one image, on raw pixel values before scaling: a left-right
 * mirror with probability 1/2 and a shift of up to maxShift pixels in x and y, filling with raw 0
 * (the background of MNIST-style images). Validation and test images are never augmented.
 */
final class ImageAugmenter {
  private final boolean flip;
  private final int maxShift;
  private final int channels;
  private final int height;
  private final int width;

  ImageAugmenter(AugmentSpec spec, int[] shape) {
    this.flip = spec.horizontalFlip();
    this.maxShift = spec.maxShift();
    this.channels = shape[0];
    this.height = shape[1];
    this.width = shape[2];
  }

  /** Writes the augmented copy of {@code src} (one raw image) into {@code dst}. */
  void augment(float[] src, float[] dst, Random rng) {
    boolean mirror = flip && rng.nextBoolean();
    int dx = maxShift > 0 ? rng.nextInt(2 * maxShift + 1) - maxShift : 0;
    int dy = maxShift > 0 ? rng.nextInt(2 * maxShift + 1) - maxShift : 0;
    for (int c = 0; c < channels; c++) {
      int plane = c * height * width;
      for (int y = 0; y < height; y++) {
        int sy = y - dy;
        for (int x = 0; x < width; x++) {
          int sx = (mirror ? width - 1 - x : x) - dx;
          boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          dst[plane + y * width + x] = inside ? src[plane + sy * width + sx] : 0f;
        }
      }
    }
  }
}
