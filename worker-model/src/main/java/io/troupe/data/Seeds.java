package io.troupe.data;

/** Derives independent seeds from one user seed, so each random process has its own stream. */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for sub-stream {@code stream} of {@code seed}: SplitMix64's finalizer over a
   * golden-ratio offset, so nearby seeds and streams give unrelated results.
   */
  public static long derive(long seed, long stream) {
    long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
