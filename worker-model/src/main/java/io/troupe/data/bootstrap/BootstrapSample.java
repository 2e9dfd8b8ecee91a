package io.troupe.data.bootstrap;

import io.troupe.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * One bootstrap sample of a training set of n examples, for bagging.
 *
 * @param indices the drawn example indices in draw order, each in [0, n); repeats are the point
 * @param outOfBag the indices never drawn, ascending: the member's own held-out examples
 */
public record BootstrapSample(int[] indices, int[] outOfBag) {
  /** Config path of the sample-size fraction, named in error messages. */
  public static final String FRACTION_PATH = "ensemble.bootstrapFraction";

  public BootstrapSample {
    indices = Objects.requireNonNull(indices, "indices").clone();
    outOfBag = Objects.requireNonNull(outOfBag, "outOfBag").clone();
    requireValid(indices, outOfBag);
  }

  /**
   * Draws round(fraction x n) indices uniformly with replacement from [0, n), each by
   * {@code new java.util.Random(seed).nextInt(n)} in turn. java.util.Random's algorithm is
   * specified, so a seed gives the same sample on every JVM.
   *
   * @param n training examples, &gt;= 1
   * @param fraction sample size relative to n, in (0, 2]
   * @throws InvalidInputException if n or fraction is out of range or the sample would be empty
   */
  public static BootstrapSample draw(int n, double fraction, long seed) {
    int size = sampleSize(n, fraction);
    Random random = new Random(seed);
    int[] indices = new int[size];
    boolean[] drawn = new boolean[n];
    for (int i = 0; i < size; i++) {
      indices[i] = random.nextInt(n);
      drawn[indices[i]] = true;
    }
    return new BootstrapSample(indices, notDrawn(drawn));
  }

  /** A copy of the drawn indices, in draw order. */
  @Override
  public int[] indices() {
    return indices.clone();
  }

  /** A copy of the out-of-bag indices, ascending. */
  @Override
  public int[] outOfBag() {
    return outOfBag.clone();
  }

  /** Number of drawn indices (with repeats). */
  public int size() {
    return indices.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapSample s && Arrays.equals(indices, s.indices)
        && Arrays.equals(outOfBag, s.outOfBag);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(outOfBag);
  }

  @Override
  public String toString() {
    return "BootstrapSample[" + indices.length + " drawn, " + outOfBag.length + " out of bag]";
  }

  private static int sampleSize(int n, double fraction) {
    if (n < 1) {
      throw new InvalidInputException("bagging needs at least one training example, got " + n);
    }
    if (!(fraction > 0 && fraction <= 2)) {
      throw new InvalidInputException(FRACTION_PATH + ": " + fraction + " must be in (0, 2]");
    }
    long size = Math.round(fraction * n);
    if (size < 1) {
      throw new InvalidInputException(FRACTION_PATH + ": " + fraction + " of " + n
          + " training examples rounds to an empty sample");
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(FRACTION_PATH + ": " + fraction + " of " + n
          + " training examples is " + size + " indices, more than one array holds");
    }
    return (int) size;
  }

  private static int[] notDrawn(boolean[] drawn) {
    int count = 0;
    for (boolean d : drawn) {
      count += d ? 0 : 1;
    }
    int[] out = new int[count];
    int next = 0;
    for (int i = 0; i < drawn.length; i++) {
      if (!drawn[i]) {
        out[next++] = i;
      }
    }
    return out;
  }

  // Drawn and out-of-bag must not overlap, and out-of-bag is a strictly ascending set.
  private static void requireValid(int[] indices, int[] outOfBag) {
    int max = -1;
    for (int i : indices) {
      if (i < 0) {
        throw new IllegalArgumentException("negative bootstrap index " + i);
      }
      max = Math.max(max, i);
    }
    boolean[] drawn = new boolean[max + 1];
    for (int i : indices) {
      drawn[i] = true;
    }
    for (int k = 0; k < outOfBag.length; k++) {
      int i = outOfBag[k];
      if (i < 0 || (k > 0 && i <= outOfBag[k - 1]) || (i < drawn.length && drawn[i])) {
        throw new IllegalArgumentException("out-of-bag index " + i + " at position " + k
            + " is negative, out of order, repeated or also drawn");
      }
    }
  }
}
