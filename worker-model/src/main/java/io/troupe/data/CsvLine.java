package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into trimmed cells. Minimal quoting: a cell may be wrapped in double quotes
 * so that it can contain the delimiter, and "" inside quotes is a literal quote. Quoted cells
 * cannot span lines.
 */
final class CsvLine {
  private final String line;
  private final char delimiter;
  private final Path file;
  private final int lineNo;
  private final StringBuilder cell = new StringBuilder();
  private int pos;

  private CsvLine(String line, char delimiter, Path file, int lineNo) {
    this.line = line;
    this.delimiter = delimiter;
    this.file = file;
    this.lineNo = lineNo;
  }

  /** The cells of {@code line} (line {@code lineNo} of {@code file}, for messages). */
  static List<String> split(String line, char delimiter, Path file, int lineNo) {
    return new CsvLine(line, delimiter, file, lineNo).split();
  }

  private List<String> split() {
    List<String> cells = new ArrayList<>();
    while (true) {
      readCell();
      cells.add(cell.toString().strip());
      cell.setLength(0);
      if (pos >= line.length()) {
        return cells;
      }
      pos++; // past the delimiter
    }
  }

  private void readCell() {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) == ' ') {
      pos++;
    }
    if (pos < line.length() && line.charAt(pos) == '"') {
      readQuoted();
      return;
    }
    pos = start;
    while (pos < line.length() && line.charAt(pos) != delimiter) {
      cell.append(line.charAt(pos++));
    }
  }

  private void readQuoted() {
    int open = pos++;
    while (true) {
      int q = line.indexOf('"', pos);
      if (q < 0) {
        fail("unterminated quoted cell starting at character " + (open + 1)
            + " (a quoted cell must end on the same line)");
      }
      cell.append(line, pos, q);
      pos = q + 1;
      if (pos < line.length() && line.charAt(pos) == '"') {
        cell.append('"'); // "" is an escaped quote
        pos++;
        continue;
      }
      skipAfterClosingQuote();
      return;
    }
  }

  private void skipAfterClosingQuote() {
    while (pos < line.length() && line.charAt(pos) == ' ') {
      pos++;
    }
    if (pos < line.length() && line.charAt(pos) != delimiter) {
      fail("unexpected text after the closing quote at character " + pos
          + ": expected the delimiter '" + delimiter + "' or the end of the line");
    }
  }

  private void fail(String problem) {
    throw new InvalidInputException(file + ": line " + lineNo + ": " + problem);
  }
}
