package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Reads tabular data from CSV files into float-feature datasets (feature shape {d}: every column
 * except the label column, in file order). Class labels may be integers or strings; they are
 * mapped to 0..K-1 by a {@link LabelEncoder} fitted on the training file. Lines and columns in
 * messages are 1-based.
 */
public final class CsvReader {
  private CsvReader() {}

  /** Reads one file on its own; class labels are encoded from this file's own labels. */
  public static Dataset read(Path file, CsvOptions options, Task task) {
    CsvTable table = CsvTable.parse(file, options);
    LabelEncoder encoder = task == Task.CLASSIFICATION ? LabelEncoder.fit(table.labels()) : null;
    return toDataset(table, task, encoder, file);
  }

  /**
   * Reads a training and a test file with the same columns. The class mapping comes from the
   * training file only; a test label never seen in training is an error.
   */
  public static SourceData readPair(Path train, Path test, CsvOptions options, Task task) {
    CsvTable trainTable = CsvTable.parse(train, options);
    CsvTable testTable = CsvTable.parse(test, options);
    checkSameColumns(trainTable, testTable);
    LabelEncoder encoder =
        task == Task.CLASSIFICATION ? LabelEncoder.fit(trainTable.labels()) : null;
    return new SourceData(toDataset(trainTable, task, encoder, train),
        toDataset(testTable, task, encoder, train));
  }

  private static Dataset toDataset(CsvTable t, Task task, LabelEncoder encoder, Path trainFile) {
    String name = t.file().toString();
    int[] shape = {t.columns().numFeatures()};
    int labelColumn = t.columns().labelIndex();
    IntFunction<String> where = row -> t.columns().where(t.line(row), labelColumn);
    if (task == Task.REGRESSION) {
      return Dataset.ofFloatsRegression(name, shape, t.features(),
          TextLabels.targets(t.labels(), where));
    }
    int[] labels = TextLabels.encode(t.labels(), encoder, trainFile, where);
    return Dataset.ofFloats(name, shape, t.features(), labels, encoder.numClasses());
  }

  // Same count is not enough: a reordered header would silently swap features.
  private static void checkSameColumns(CsvTable train, CsvTable test) {
    CsvColumns a = train.columns();
    CsvColumns b = test.columns();
    if (a.count() != b.count() || a.labelIndex() != b.labelIndex()) {
      throw new InvalidInputException(test.file() + ": " + b.count() + " columns with the label"
          + " in column " + (b.labelIndex() + 1) + ", but the training file " + train.file()
          + " has " + a.count() + " with the label in column " + (a.labelIndex() + 1));
    }
    if (a.header() != null && !a.header().equals(b.header())) {
      throw new InvalidInputException(test.file() + ": header " + b.header()
          + " differs from the training file " + train.file() + "'s header " + a.header());
    }
  }
}
