package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Reads LibSVM/SVMlight text files ("label idx:val idx:val ...", 1-based strictly increasing
 * indices, '#' comments) into dense float-feature datasets with shape {numFeatures}. Class labels
 * (e.g. -1/+1 or 1..K) go through a {@link LabelEncoder} fitted on the training file.
 */
public final class LibSvmReader {
  private LibSvmReader() {}

  /**
   * Reads a training and a test file.
   *
   * @param numFeatures feature count; indices above it are errors. {@code <= 0} infers it as the
   *     largest index in either file.
   */
  public static SourceData readPair(Path train, Path test, int numFeatures, Task task) {
    LibSvmTable a = LibSvmTable.parse(train, numFeatures);
    LibSvmTable b = LibSvmTable.parse(test, numFeatures);
    int d = numFeatures > 0 ? numFeatures : Math.max(a.maxIndex(), b.maxIndex());
    if (d < 1) {
      throw new InvalidInputException(train + " and " + test + " hold no index:value pairs, so"
          + " the number of features cannot be inferred; set it explicitly");
    }
    LabelEncoder encoder = task == Task.CLASSIFICATION ? LabelEncoder.fit(a.labels()) : null;
    return new SourceData(toDataset(a, d, task, encoder, train),
        toDataset(b, d, task, encoder, train));
  }

  private static Dataset toDataset(LibSvmTable t, int d, Task task, LabelEncoder encoder,
      Path trainFile) {
    String name = t.file().toString();
    int[] shape = {d};
    IntFunction<String> where = row -> t.file() + ": line " + t.line(row);
    if (task == Task.REGRESSION) {
      return Dataset.ofFloatsRegression(name, shape, t.dense(d),
          TextLabels.targets(t.labels(), where));
    }
    int[] labels = TextLabels.encode(t.labels(), encoder, trainFile, where);
    return Dataset.ofFloats(name, shape, t.dense(d), labels, encoder.numClasses());
  }
}
