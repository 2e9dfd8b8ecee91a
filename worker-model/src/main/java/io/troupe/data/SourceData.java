package io.troupe.data;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dataset as published: its training pool and its held-out test set, before any validation
 * split or subsetting (see {@link DataSplitter}). Both parts agree on task, feature shape and
 * number of classes.
 */
public record SourceData(Dataset train, Dataset test) {
  public SourceData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    List<String> problems = new ArrayList<>();
    if (train.task() != test.task()) {
      problems.add(mismatch("task", train.task(), test.task(), train, test));
    }
    if (!Arrays.equals(train.featureShape(), test.featureShape())) {
      problems.add(mismatch("feature shape", Arrays.toString(train.featureShape()),
          Arrays.toString(test.featureShape()), train, test));
    }
    if (train.numClasses() != test.numClasses()) {
      problems.add(mismatch("number of classes", train.numClasses(), test.numClasses(),
          train, test));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static String mismatch(String what, Object a, Object b, Dataset train, Dataset test) {
    return "train set " + train.name() + " and test set " + test.name() + " differ in " + what
        + ": " + a + " vs " + b;
  }
}
