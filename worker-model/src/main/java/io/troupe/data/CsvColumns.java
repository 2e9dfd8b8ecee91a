package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CSV file's column layout: count, optional header names, and which column is the label. */
final class CsvColumns {
  private final Path file;
  private final List<String> header; // null without a header line
  private final int count;
  private final int labelIndex;

  private CsvColumns(Path file, List<String> header, int count, int labelIndex) {
    this.file = file;
    this.header = header;
    this.count = count;
    this.labelIndex = labelIndex;
  }

  /**
   * Resolves {@code labelColumn}: an integer is a 0-based index (-1 = last), anything else a
   * header name. Integers win, so a column literally named "3" must be addressed by index.
   */
  static CsvColumns resolve(Path file, List<String> header, int count, String labelColumn) {
    int index = labelColumn.matches("-?\\d{1,9}")
        ? byIndex(file, count, Integer.parseInt(labelColumn))
        : byName(file, header, labelColumn);
    if (count < 2) {
      throw new InvalidInputException(file + ": only " + count + " column: expected the label"
          + " column and at least one feature column");
    }
    return new CsvColumns(file, header == null ? null : List.copyOf(header), count, index);
  }

  private static int byIndex(Path file, int count, int index) {
    int resolved = index == -1 ? count - 1 : index;
    if (resolved < 0 || resolved >= count) {
      throw new InvalidInputException(file + ": label column index " + index + " is out of range:"
          + " the file has " + count + " columns (0.." + (count - 1) + ", or -1 for the last)");
    }
    return resolved;
  }

  private static int byName(Path file, List<String> header, String name) {
    if (header == null) {
      throw new InvalidInputException(file + ": label column \"" + name + "\" is a name, but the"
          + " file is read without a header line; give a 0-based column index instead");
    }
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equals(name)) {
        hits.add(i + 1);
      }
    }
    if (hits.isEmpty()) {
      throw new InvalidInputException(file + ": label column \"" + name + "\" is not in the"
          + " header; the columns are: " + String.join(", ", header));
    }
    if (hits.size() > 1) {
      throw new InvalidInputException(file + ": label column \"" + name + "\" is ambiguous: the"
          + " header has it in columns " + hits + "; give a 0-based column index instead");
    }
    return hits.get(0) - 1;
  }

  int count() {
    return count;
  }

  int labelIndex() {
    return labelIndex;
  }

  int numFeatures() {
    return count - 1;
  }

  List<String> header() {
    return header;
  }

  /** "line 12, column 3 (\"petal_width\")": 1-based, with the header name when there is one. */
  String where(int line, int column) {
    String name = header == null ? "" : " (\"" + header.get(column) + "\")";
    return file + ": line " + line + ", column " + (column + 1) + name;
  }
}
