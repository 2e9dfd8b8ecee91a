package io.troupe.data;

import java.util.Random;

/** Seeded shuffles, identical on every JVM: splits, subsets and each epoch's batch order use them. */
public final class Shuffles {
  private Shuffles() {}

  /** 0, 1, ..., n-1: the unshuffled order, and the rows of a "first n" sample. */
  public static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /**
   * A uniformly random permutation of 0..n-1 (Fisher-Yates). java.util.Random's nextInt is
   * specified exactly, so the permutation is the same on every JVM.
   */
  public static int[] permutation(int n, long seed) {
    int[] p = identity(n);
    Random rng = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
