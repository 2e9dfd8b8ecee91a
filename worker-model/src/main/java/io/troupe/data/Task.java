package io.troupe.data;

/** What a dataset's target is: a class index or a single real value. */
public enum Task {
  /** Integer class labels in {@code [0, numClasses)}. */
  CLASSIFICATION,
  /** One real-valued target per example. */
  REGRESSION
}
