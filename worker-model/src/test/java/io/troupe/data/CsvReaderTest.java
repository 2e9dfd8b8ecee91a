package io.troupe.data;

import static io.troupe.testing.Messages.assertContains;
import static io.troupe.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  private static final String IRIS_HEADER =
      "sepal_length,sepal_width,petal_length,petal_width,species\n";
  private static final CsvOptions BY_NAME = new CsvOptions("species", true, ',');

  @TempDir Path dir;

  private Path csv(String name, String text) {
    return write(dir, name, text);
  }

  private InvalidInputException readFails(Path file, CsvOptions options, Task task) {
    return assertThrows(InvalidInputException.class, () -> CsvReader.read(file, options, task));
  }

  @Test
  void readsStringLabelsSortedWithLabelColumnByName() {
    Path f = csv("iris.csv", IRIS_HEADER
        + "5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n6.3,3.3,6.0,2.5,virginica\n"
        + "4.9,3.0,1.4,0.2,setosa\n\n\n");
    Dataset d = CsvReader.read(f, BY_NAME, Task.CLASSIFICATION);
    assertEquals(4, d.size(), "trailing blank lines are fine");
    assertArrayEquals(new int[] {4}, d.featureShape());
    assertEquals(3, d.numClasses());
    assertArrayEquals(new int[] {0, 1, 2, 0}, new int[] {d.label(0), d.label(1), d.label(2),
        d.label(3)});
    assertEquals(4.7f, d.rawFeature(1, 2));
    assertEquals(f.toString(), d.name());
  }

  @Test
  void labelColumnByIndexNoHeaderNumericLabelsSortedNumerically() {
    Path f = csv("n.csv", "10;1.5;2\n-1;0.5;3\n2;7;8\n");
    Dataset d = CsvReader.read(f, new CsvOptions("0", false, ';'), Task.CLASSIFICATION);
    // Classes -1, 2, 10 in numeric order (lexicographic would put "10" before "2").
    assertArrayEquals(new int[] {2, 0, 1}, new int[] {d.label(0), d.label(1), d.label(2)});
    assertEquals(1.5f, d.rawFeature(0, 0));
    assertEquals(8f, d.rawFeature(2, 1));
  }

  @Test
  void quotedCellsMayHoldTheDelimiter() {
    Path f = csv("q.csv", "x,y,name\n1,2,\"a,b\"\n3,\"4\",\"say \"\"hi\"\"\"\n");
    Dataset d = CsvReader.read(f, CsvOptions.defaults(), Task.CLASSIFICATION);
    assertEquals(2, d.size());
    assertEquals(2, d.numClasses());
    assertEquals(4f, d.rawFeature(1, 1));
  }

  @Test
  void regressionTargets() {
    Path f = csv("r.csv", "a,b,price\n1,2,3.5\n4,5,-6e-1\n");
    Dataset d = CsvReader.read(f, CsvOptions.defaults(), Task.REGRESSION);
    assertEquals(Task.REGRESSION, d.task());
    assertEquals(-0.6f, d.target(1));
    assertEquals(0, d.numClasses());
  }

  @Test
  void raggedRow() {
    Path f = csv("ragged.csv", "a,b,c,d,e\n1,2,3,4,x\n1,2,3,4,y\n1,2,3,4,x\n1,2,3,4,y\n"
        + "1,2,3,4,x\n1,2,3,x\n");
    assertContains(readFails(f, CsvOptions.defaults(), Task.CLASSIFICATION),
        f.toString(), "line 7: expected 5 columns, got 4");
  }

  @Test
  void nonNumericCellNamesLineColumnAndHeaderName() {
    StringBuilder text = new StringBuilder(IRIS_HEADER);
    for (int line = 2; line <= 11; line++) {
      text.append("5.1,3.5,1.4,0.2,setosa\n");
    }
    text.append("5.1,3.5,1.4,abc,setosa\n");
    Path f = csv("bad.csv", text.toString());
    assertContains(readFails(f, BY_NAME, Task.CLASSIFICATION), f.toString(),
        "line 12, column 4 (\"petal_width\"): not a number: \"abc\"");
  }

  @Test
  void nonNumericCellWithoutHeaderHasNoName() {
    Path f = csv("bad.csv", "1,2,a\n1,NaN,b\n");
    assertContains(readFails(f, new CsvOptions("-1", false, ','), Task.CLASSIFICATION),
        f.toString(), "line 2, column 2: not a number: \"NaN\"");
  }

  @Test
  void nonNumericRegressionTarget() {
    Path f = csv("r.csv", "a,price\n1,3.5\n2,cheap\n");
    assertContains(readFails(f, CsvOptions.defaults(), Task.REGRESSION), f.toString(),
        "line 3, column 2 (\"price\"): regression target is not a number: \"cheap\"");
  }

  @Test
  void unknownLabelColumnNameListsTheHeader() {
    Path f = csv("iris.csv", IRIS_HEADER + "5.1,3.5,1.4,0.2,setosa\n");
    assertContains(readFails(f, new CsvOptions("class", true, ','), Task.CLASSIFICATION),
        f.toString(), "label column \"class\" is not in the header",
        "sepal_length, sepal_width, petal_length, petal_width, species");
  }

  @Test
  void labelIndexOutOfRange() {
    Path f = csv("x.csv", "a,b,c\n1,2,3\n");
    assertContains(readFails(f, new CsvOptions("3", true, ','), Task.CLASSIFICATION),
        f.toString(), "label column index 3 is out of range", "3 columns");
  }

  @Test
  void headerOnly() {
    Path f = csv("h.csv", IRIS_HEADER + "\n");
    assertContains(readFails(f, BY_NAME, Task.CLASSIFICATION), f.toString(),
        "no data rows", "only a header line");
  }

  @Test
  void emptyAndMissingFiles() {
    Path empty = csv("empty.csv", "");
    assertContains(readFails(empty, BY_NAME, Task.CLASSIFICATION), empty.toString(),
        "empty file");
    Path missing = dir.resolve("missing.csv");
    assertContains(readFails(missing, BY_NAME, Task.CLASSIFICATION), missing.toString(),
        "file not found");
  }

  @Test
  void blankLineInsideDataIsAnError() {
    Path f = csv("b.csv", "a,b\n1,x\n\n2,y\n");
    assertContains(readFails(f, CsvOptions.defaults(), Task.CLASSIFICATION), f.toString(),
        "line 3: blank line before more data on line 4");
  }

  @Test
  void unterminatedQuote() {
    Path f = csv("u.csv", "a,b\n1,\"x\n");
    assertContains(readFails(f, CsvOptions.defaults(), Task.CLASSIFICATION), f.toString(),
        "line 2: unterminated quoted cell");
  }

  @Test
  void pairEncodesTestWithTrainingClasses() {
    Path train = csv("train.csv", "f,label\n1,b\n2,c\n3,a\n");
    Path test = csv("test.csv", "f,label\n4,c\n5,a\n");
    SourceData s = CsvReader.readPair(train, test, CsvOptions.defaults(), Task.CLASSIFICATION);
    assertEquals(3, s.test().numClasses());
    assertEquals(2, s.test().label(0));
    assertEquals(0, s.test().label(1));
  }

  @Test
  void unseenTestLabelNamesTestFileLineAndValue() {
    Path train = csv("train.csv", "f,label\n1,b\n2,c\n");
    Path test = csv("test.csv", "f,label\n4,c\n5,zebra\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvReader.readPair(train, test, CsvOptions.defaults(), Task.CLASSIFICATION));
    assertContains(e, test.toString(), "line 3", "\"zebra\"", "does not occur in the training file "
        + train, "b, c");
  }

  @Test
  void testHeaderMustMatchTraining() {
    Path train = csv("train.csv", "f,g,label\n1,2,b\n");
    Path test = csv("test.csv", "g,f,label\n1,2,b\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> CsvReader.readPair(train, test, CsvOptions.defaults(), Task.CLASSIFICATION));
    assertContains(e, test.toString(), "differs from the training file");
  }
}
