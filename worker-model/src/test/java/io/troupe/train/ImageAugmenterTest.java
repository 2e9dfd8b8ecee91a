package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.AugmentSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageAugmenterTest {
  // A 1x3x3 image with distinct pixels 1..9, row-major.
  private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void flipMirrorsEachRow() {
    ImageAugmenter flip = new ImageAugmenter(new AugmentSpec(true, 0), new int[] {1, 3, 3});
    float[] out = new float[9];
    // Find a seed whose first coin says "flip" so the test states the expected image exactly.
    long seed = 0;
    while (!new Random(seed).nextBoolean()) {
      seed++;
    }
    flip.augment(IMAGE, out, new Random(seed));
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, out);
  }

  @Test
  void shiftsMoveContentAndFillWithZero() {
    ImageAugmenter shift = new ImageAugmenter(new AugmentSpec(false, 1), new int[] {1, 3, 3});
    float[] out = new float[9];
    for (long seed = 0; seed < 50; seed++) {
      Random probe = new Random(seed);
      int dx = probe.nextInt(3) - 1;
      int dy = probe.nextInt(3) - 1;
      shift.augment(IMAGE, out, new Random(seed));
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 3; x++) {
          int sx = x - dx;
          int sy = y - dy;
          float expected = sx >= 0 && sx < 3 && sy >= 0 && sy < 3 ? IMAGE[sy * 3 + sx] : 0;
          assertEquals(expected, out[y * 3 + x], "seed " + seed + " dx " + dx + " dy " + dy);
        }
      }
    }
  }
}
