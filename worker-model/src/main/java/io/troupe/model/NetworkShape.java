package io.troupe.model;

import io.troupe.data.Dataset;
import io.troupe.data.Task;

/** What the data fixes about a network: its input shape and its outputs. */
public record NetworkShape(int[] inputShape, int outputs, Task task) {
  public NetworkShape {
    inputShape = inputShape.clone();
    if (outputs < 1) {
      throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
    }
  }

  public static NetworkShape of(Dataset train) {
    int outputs = train.task() == Task.CLASSIFICATION ? train.numClasses() : 1;
    return new NetworkShape(train.featureShape(), outputs, train.task());
  }

  public int inputSize() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  /** Images are [channels, height, width]. */
  public boolean isImage() {
    return inputShape.length == 3;
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkShape s && java.util.Arrays.equals(inputShape, s.inputShape)
        && outputs == s.outputs && task == s.task;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(inputShape) * 31 + outputs * 7 + task.hashCode();
  }
}
