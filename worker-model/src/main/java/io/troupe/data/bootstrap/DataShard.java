package io.troupe.data.bootstrap;

import io.troupe.data.Shuffles;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One of {@code count} disjoint shards of a training set: the rows a shard-ensemble member trains
 * on. The rows are dealt from one seeded permutation, row permutation[i] going to shard i mod count,
 * so the shards cover the set exactly once and differ in size by at most one; every member of one
 * ensemble uses the same seed, so they share the permutation.
 *
 * @param index this shard, in [0, count)
 * @param count the number of shards, at least 2
 * @param seed the permutation's seed, the same for every shard of one ensemble
 */
public record DataShard(int index, int count, long seed) implements Serializable {
  /** Config path of the shard count, named in error messages. */
  public static final String COUNT_PATH = "ensemble.shards";

  public DataShard {
    if (count < 2 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count + ": need 0 <= index < count and count >= 2");
    }
  }

  /** This shard's rows of a training set of {@code n}, ascending. */
  public int[] rows(int n) {
    if (n < count) {
      throw new io.troupe.InvalidInputException(COUNT_PATH + ": " + count + " shards need at least " + count
          + " training rows, but the training part has " + n);
    }
    int[] permutation = Shuffles.permutation(n, seed);
    int[] rows = new int[(n - index + count - 1) / count];
    for (int i = index, j = 0; i < n; i += count, j++) {
      rows[j] = permutation[i];
    }
    Arrays.sort(rows);
    return rows;
  }

  /** "2 of 4", 1-based, for names and messages. */
  public String describe() {
    return (index + 1) + " of " + count;
  }
}
