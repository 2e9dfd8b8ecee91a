package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed CSV file: numeric feature cells and the label cells still as text (turning them into
 * classes or targets needs the training file's {@link LabelEncoder}, or the task).
 */
final class CsvTable {
  private final Path file;
  private final CsvOptions options;
  private final FloatList features = new FloatList();
  private final List<String> labels = new ArrayList<>();
  private final IntList lines = new IntList();
  private CsvColumns columns;
  private int blankSince; // first line of the current run of blank lines, 0 if none

  private CsvTable(Path file, CsvOptions options) {
    this.file = file;
    this.options = options;
  }

  static CsvTable parse(Path file, CsvOptions options) {
    DataFiles.requireNonEmptyFile(file, "a CSV file");
    CsvTable table = new CsvTable(file, options);
    table.readAll();
    return table;
  }

  private void readAll() {
    DataFiles.forEachLine(file, (line, lineNo) -> accept(lineNo == 1 ? stripBom(line) : line, lineNo));
    if (labels.isEmpty()) {
      throw new InvalidInputException(file + ": no data rows"
          + (options.header() && columns != null ? ": the file has only a header line" : ""));
    }
  }

  private void accept(String line, int lineNo) {
    if (line.isBlank()) {
      blankSince = blankSince == 0 ? lineNo : blankSince;
      return; // fine if only blank lines follow
    }
    if (blankSince != 0) {
      throw new InvalidInputException(file + ": line " + blankSince + ": blank line before more"
          + " data on line " + lineNo + " (only trailing blank lines are allowed)");
    }
    List<String> cells = CsvLine.split(line, options.delimiter(), file, lineNo);
    if (columns == null) {
      boolean isHeader = options.header();
      columns = CsvColumns.resolve(file, isHeader ? cells : null, cells.size(),
          options.labelColumn());
      if (isHeader) {
        return;
      }
    }
    addRow(cells, lineNo);
  }

  private void addRow(List<String> cells, int lineNo) {
    if (cells.size() != columns.count()) {
      throw new InvalidInputException(file + ": line " + lineNo + ": expected " + columns.count()
          + " columns, got " + cells.size());
    }
    for (int c = 0; c < cells.size(); c++) {
      if (c == columns.labelIndex()) {
        continue;
      }
      float v = NumberText.parse(cells.get(c));
      if (Float.isNaN(v)) {
        throw new InvalidInputException(columns.where(lineNo, c) + ": "
            + NumberText.whyNot(cells.get(c)));
      }
      features.add(v);
    }
    addLabel(cells.get(columns.labelIndex()), lineNo);
  }

  private void addLabel(String label, int lineNo) {
    if (label.isEmpty()) {
      throw new InvalidInputException(columns.where(lineNo, columns.labelIndex())
          + ": empty label");
    }
    labels.add(label);
    lines.add(lineNo);
  }

  private static String stripBom(String line) {
    // Spreadsheet exports often start with a UTF-8 byte order mark; it is not part of the name.
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  Path file() {
    return file;
  }

  CsvColumns columns() {
    return columns;
  }

  int rows() {
    return labels.size();
  }

  float[] features() {
    return features.toArray();
  }

  List<String> labels() {
    return labels;
  }

  /** 1-based line number of data row {@code row}, for messages. */
  int line(int row) {
    return lines.get(row);
  }
}
