package io.troupe.data;

import java.util.Arrays;

/** A growable int array, so readers can collect many indices without boxing. */
final class IntList {
  private int[] values = new int[1024];
  private int size;

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8L,
          2L * values.length)));
    }
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
