package io.troupe.data.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataShardTest {
  @Test
  void theShardsOfOneSeedCoverEveryRowOnceAndDifferInSizeByAtMostOne() {
    int n = 103;
    int[] seen = new int[n];
    int smallest = Integer.MAX_VALUE;
    int largest = 0;
    for (int k = 0; k < 4; k++) {
      int[] rows = new DataShard(k, 4, 17).rows(n);
      int[] sorted = rows.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, rows, "ascending");
      for (int r : rows) {
        seen[r]++;
      }
      smallest = Math.min(smallest, rows.length);
      largest = Math.max(largest, rows.length);
    }
    for (int r = 0; r < n; r++) {
      assertEquals(1, seen[r], "row " + r);
    }
    assertEquals(25, smallest);
    assertEquals(26, largest);
  }

  @Test
  void theSeedDealsTheRowsAndTheSameSeedDealsThemAlike() {
    assertArrayEquals(new DataShard(0, 2, 1).rows(50), new DataShard(0, 2, 1).rows(50));
    assertNotEquals(Arrays.toString(new DataShard(0, 2, 1).rows(50)), Arrays.toString(new DataShard(0, 2, 2).rows(50)));
    int[] first = new DataShard(0, 2, 1).rows(50);
    assertTrue(first[first.length - 1] > 25, "dealt from a permutation, not the first half: " + Arrays.toString(first));
  }

  @Test
  void moreShardsThanRowsIsRefusedNamingTheSetting() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DataShard(0, 8, 1).rows(5));
    assertTrue(e.getMessage().startsWith("ensemble.shards: 8 shards need at least 8 training rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DataShard(2, 2, 1));
  }
}
