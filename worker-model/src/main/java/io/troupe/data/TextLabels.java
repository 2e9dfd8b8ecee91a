package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/** Turns label cells read from a text file into class indices or regression targets. */
final class TextLabels {
  private TextLabels() {}

  /**
   * Class indices of {@code labels} under {@code encoder} (fitted on {@code trainFile});
   * {@code where.apply(row)} locates a row for messages, e.g. "test.csv: line 14".
   */
  static int[] encode(List<String> labels, LabelEncoder encoder, Path trainFile,
      IntFunction<String> where) {
    int[] out = new int[labels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = encoder.indexOf(labels.get(i));
      if (out[i] < 0) {
        throw new InvalidInputException(where.apply(i) + ": label \"" + labels.get(i)
            + "\" does not occur in the training file " + trainFile + "; its classes are: "
            + encoder.describeClasses());
      }
    }
    return out;
  }

  /** Regression targets: every label cell must be a finite number. */
  static float[] targets(List<String> labels, IntFunction<String> where) {
    float[] out = new float[labels.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = NumberText.parse(labels.get(i));
      if (Float.isNaN(out[i])) {
        throw new InvalidInputException(where.apply(i) + ": regression target is "
            + NumberText.whyNot(labels.get(i)));
      }
    }
    return out;
  }
}
