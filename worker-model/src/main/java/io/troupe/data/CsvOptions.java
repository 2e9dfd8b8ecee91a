package io.troupe.data;

import io.troupe.InvalidInputException;

/**
 * How to read a CSV file.
 *
 * @param labelColumn the label (or regression target) column: a 0-based index ("0"), "-1" for
 *     the last column, or a header name ("species")
 * @param header whether the first line holds column names
 * @param delimiter the field separator, e.g. ',' or ';' or '\t'
 */
public record CsvOptions(String labelColumn, boolean header, char delimiter) {
  public CsvOptions {
    if (labelColumn == null || labelColumn.isBlank()) {
      throw new InvalidInputException("CSV label column must be a 0-based index, -1 (last) or a"
          + " header name; got " + (labelColumn == null ? "nothing" : "\"" + labelColumn + "\""));
    }
    labelColumn = labelColumn.strip();
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new InvalidInputException("CSV delimiter cannot be a quote or a line break; got "
          + (int) delimiter);
    }
  }

  /** Comma-separated, with a header, label in the last column. */
  public static CsvOptions defaults() {
    return new CsvOptions("-1", true, ',');
  }
}
