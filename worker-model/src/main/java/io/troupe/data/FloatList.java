package io.troupe.data;

import java.util.Arrays;

/** A growable float array, so readers can collect millions of values without boxing. */
final class FloatList {
  private float[] values = new float[1024];
  private int size;

  void add(float v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8L,
          2L * values.length)));
    }
    values[size++] = v;
  }

  float get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  float[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
