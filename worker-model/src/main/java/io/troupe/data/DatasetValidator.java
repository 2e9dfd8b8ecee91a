package io.troupe.data;

import io.troupe.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks a {@link Dataset}'s invariants, for the factories and after deserialization. */
final class DatasetValidator {
  private DatasetValidator() {}

  static void validate(Dataset d) {
    String where = d.name() == null || d.name().isBlank() ? "<unnamed dataset>" : d.name();
    List<String> problems = new ArrayList<>();
    if (where.startsWith("<")) {
      problems.add(where + ": a dataset needs a non-blank name");
    }
    checkStructure(d, where, problems);
    if (problems.isEmpty()) {
      checkValues(d, where, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private static void checkStructure(Dataset d, String where, List<String> problems) {
    int[] shape = d.shapeStorage();
    if (!validShape(shape)) {
      problems.add(where + ": feature shape must have at least one dimension, each >= 1, and at"
          + " most " + Integer.MAX_VALUE + " features in all; got " + Arrays.toString(shape));
      return;
    }
    if ((d.byteStorage() == null) == (d.floatStorage() == null)
        || (d.labelStorage() == null) == (d.targetStorage() == null)
        || (d.labelStorage() != null) != (d.task() == Task.CLASSIFICATION)
        || d.numFeatures() != Dataset.product(shape)) {
      problems.add(where + ": inconsistent dataset (corrupt serialized form?)");
      return;
    }
    int targetCount = d.task() == Task.CLASSIFICATION
        ? d.labelStorage().length : d.targetStorage().length;
    long expected = (long) targetCount * d.numFeatures();
    long actual = d.isByteFeatures() ? d.byteStorage().length : d.floatStorage().length;
    if (actual != expected || d.size() != targetCount) {
      problems.add(where + ": features hold " + actual + " values, expected " + targetCount
          + " examples x " + d.numFeatures() + " features = " + expected);
    }
  }

  private static boolean validShape(int[] shape) {
    if (shape == null || shape.length == 0) {
      return false;
    }
    for (int dim : shape) {
      if (dim < 1) {
        return false;
      }
    }
    return Dataset.product(shape) <= Integer.MAX_VALUE;
  }

  private static void checkValues(Dataset d, String where, List<String> problems) {
    if (d.task() == Task.CLASSIFICATION) {
      checkLabels(d.labelStorage(), d.numClasses(), where, problems);
    } else {
      checkFinite(d.targetStorage(), 1, "target", where, problems);
    }
    if (!d.isByteFeatures()) {
      checkFinite(d.floatStorage(), d.numFeatures(), "feature", where, problems);
    }
  }

  private static void checkLabels(int[] labels, int numClasses, String where,
      List<String> problems) {
    if (numClasses < 1) {
      problems.add(where + ": a classification dataset needs numClasses >= 1, got " + numClasses);
      return;
    }
    for (int row = 0; row < labels.length; row++) {
      if (labels[row] < 0 || labels[row] >= numClasses) {
        problems.add(where + ": row " + row + ": label " + labels[row] + " is outside [0, "
            + numClasses + ")");
        return; // the first bad label is enough to find the cause
      }
    }
  }

  private static void checkFinite(float[] values, int perRow, String what, String where,
      List<String> problems) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        String pos = perRow == 1 ? "" : " " + (i % perRow);
        problems.add(where + ": row " + (i / perRow) + ": " + what + pos + " is " + values[i]
            + ", expected a finite number");
        return;
      }
    }
  }
}
