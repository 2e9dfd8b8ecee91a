package io.troupe.jobs.report;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file read as a header and rows of cells by column name: double-quoted cells may hold
 * commas, a blank cell is "", columns beyond the required ones are kept. Errors name the file and
 * line.
 */
record CsvTable(String file, List<String> header, List<Row> rows) {

  /** One data row; {@code line} is 1-based in the file, for error messages. */
  record Row(int line, Map<String, String> cells) {
    Row {
      cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    String cell(String column) {
      return cells.getOrDefault(column, "");
    }
  }

  CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** Reads {@code key} from the run's files, requiring every column in {@code required} in its header (any order). */
  static CsvTable read(ArtifactStore files, String key, List<String> required) throws IOException {
    String file = files.describe(key);
    List<String> lines;
    try (InputStream in = files.open(key)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      throw new InvalidInputException(file + ": empty; expected a header line: " + String.join(",", required));
    }
    List<String> header = split(file, first + 1, lines.get(first));
    List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(file + ": line " + (first + 1) + ": header lacks column(s) "
          + String.join(", ", missing) + "; expected " + String.join(",", required));
    }
    Set<String> seen = new HashSet<>();
    for (String column : header) {
      if (!seen.add(column)) {
        throw new InvalidInputException(file + ": line " + (first + 1) + ": column " + column + " appears twice");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = first + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells = split(file, i + 1, lines.get(i));
      if (cells.size() != header.size()) {
        throw new InvalidInputException(file + ": line " + (i + 1) + ": " + cells.size() + " cells, header has "
            + header.size() + " columns");
      }
      Map<String, String> byName = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        byName.put(header.get(c), cells.get(c));
      }
      rows.add(new Row(i + 1, byName));
    }
    return new CsvTable(file, header, rows);
  }

  /**
   * The number in a cell: NaN when blank (not applicable), bad input naming file, line and column
   * when it is not a number.
   */
  double number(Row row, String column) {
    String cell = row.cell(column).strip();
    if (cell.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": line " + row.line() + ", column " + column + ": \"" + cell
          + "\" is not a number (leave the cell blank when it does not apply)");
    }
  }

  /** Splits one line on commas outside double quotes; "" inside quotes is a literal quote. */
  static List<String> split(String file, int lineNo, String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new InvalidInputException(file + ": line " + lineNo + ": unclosed double quote");
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
