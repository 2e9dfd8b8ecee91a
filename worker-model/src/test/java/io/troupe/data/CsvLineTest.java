package io.troupe.data;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {
  private static final Path FILE = Path.of("/data/x.csv");

  @Test
  void splitsAndTrims() {
    assertEquals(List.of("a", "b", "", "c"), CsvLine.split(" a ,b,, c", ',', FILE, 1));
    assertEquals(List.of("1", "2"), CsvLine.split("1\t2", '\t', FILE, 1));
  }

  @Test
  void quotedCellsKeepDelimitersAndEscapedQuotes() {
    assertEquals(List.of("a,b", "say \"hi\"", "x"),
        CsvLine.split("\"a,b\", \"say \"\"hi\"\"\" ,x", ',', FILE, 3));
  }

  @Test
  void textAfterClosingQuoteIsAnError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvLine.split("\"a\"b,c", ',', FILE, 4));
    assertContains(e, "/data/x.csv: line 4", "unexpected text after the closing quote");
  }
}
