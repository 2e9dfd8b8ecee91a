package io.troupe.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  @TempDir Path dir;

  private static CsvTable read(Path file, List<String> required) throws IOException {
    return CsvTable.read(ReportFixtures.filesOf(file), file.getFileName().toString(), required);
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("t.csv"), text);
  }

  @Test
  void readsCellsByNameWithQuotesBlanksAndExtraColumns() throws IOException {
    CsvTable t = read(write("b,a,note\n1,,\"x, \"\"quoted\"\"\"\n\n2,3.5,plain\n"), List.of("a", "b"));
    assertEquals(List.of("b", "a", "note"), t.header());
    assertEquals(2, t.rows().size(), "a blank line is no row");
    assertEquals("x, \"quoted\"", t.rows().get(0).cell("note"));
    assertTrue(Double.isNaN(t.number(t.rows().get(0), "a")), "blank reads as not applicable");
    assertEquals(3.5, t.number(t.rows().get(1), "a"));
    assertEquals(4, t.rows().get(1).line());
  }

  @Test
  void aMissingColumnIsNamedWithWhatWasExpected() throws IOException {
    Path file = write("strategy,members\nsingle,1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> read(file, List.of("strategy", "combiner", "members")));
    assertTrue(e.getMessage().contains(file + ": line 1: header lacks column(s) combiner"), e.getMessage());
  }

  @Test
  void aRaggedRowOrANonNumberNamesFileLineAndColumn() throws IOException {
    Path ragged = write("a,b\n1,2\n3\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(ragged, List.of("a")));
    assertTrue(e.getMessage().contains(ragged + ": line 3: 1 cells, header has 2 columns"), e.getMessage());

    CsvTable t = read(write("a,b\n1,0.9o\n"), List.of("a"));
    e = assertThrows(InvalidInputException.class, () -> t.number(t.rows().get(0), "b"));
    assertTrue(e.getMessage().contains("line 2, column b: \"0.9o\" is not a number"), e.getMessage());
  }
}
