package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;

/** Delimited text files: one example per line, one column holding the label or target. */
public record CsvSpec(
    @Doc("Training file.") String train,
    @Doc("Test file.") String test,
    @Doc("The label (or regression target) column: a 0-based index, -1 for the last column, or a header name.")
    @Default("'-1'") String labelColumn,
    @Doc("Whether the first line is a header of column names.")
    @Default("true") boolean header,
    @Doc("Field delimiter, one character (write '\\t' in double quotes for tab).")
    @Default("','") String delimiter)
    implements CrossChecked {

  @Override
  public void crossCheck(Checks checks) {
    if (delimiter.length() != 1) {
      checks.fail("delimiter", "must be one character, got \"" + delimiter + "\"");
    }
    if (labelColumn.isBlank()) {
      checks.fail("labelColumn", "must be a column index or a header name, got \"\"");
    } else if (!header && !labelColumn.matches("-?\\d+")) {
      checks.fail("labelColumn", "names a column (\"" + labelColumn
          + "\") but data.csv.header is false; use a 0-based index");
    }
  }

  public char delimiterChar() {
    return delimiter.charAt(0);
  }
}
