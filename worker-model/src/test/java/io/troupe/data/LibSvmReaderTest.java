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

class LibSvmReaderTest {
  @TempDir Path dir;

  private Path okTest() {
    return write(dir, "ok.test", "+1 1:1\n");
  }

  private InvalidInputException readFails(Path train, Path test, int numFeatures) {
    return assertThrows(InvalidInputException.class,
        () -> LibSvmReader.readPair(train, test, numFeatures, Task.CLASSIFICATION));
  }

  @Test
  void readsSparseRowsDenselyAndInfersFeatureCountFromBothFiles() {
    Path train = write(dir, "a.train", "# a comment\n+1 1:0.5 3:2\n-1 2:-1 # trailing\n\n");
    Path test = write(dir, "a.test", "1 5:7\n-1\n");
    SourceData s = LibSvmReader.readPair(train, test, 0, Task.CLASSIFICATION);
    assertArrayEquals(new int[] {5}, s.train().featureShape());
    assertEquals(2, s.train().size());
    assertEquals(0.5f, s.train().rawFeature(0, 0));
    assertEquals(0f, s.train().rawFeature(0, 1));
    assertEquals(2f, s.train().rawFeature(0, 2));
    // -1 -> class 0, +1 and 1 -> class 1
    assertArrayEquals(new int[] {1, 0}, new int[] {s.train().label(0), s.train().label(1)});
    assertArrayEquals(new int[] {1, 0}, new int[] {s.test().label(0), s.test().label(1)});
    assertEquals(7f, s.test().rawFeature(0, 4));
  }

  @Test
  void regression() {
    Path train = write(dir, "r.train", "2.5 1:1\n-3 2:1\n");
    SourceData s = LibSvmReader.readPair(train, write(dir, "r.test", "1 1:1\n"), 4,
        Task.REGRESSION);
    assertEquals(-3f, s.train().target(1));
    assertEquals(4, s.train().numFeatures());
  }

  @Test
  void badToken() {
    Path train = write(dir, "bad.train", "1 1:0.5\n1 2:1 3-0.5\n");
    assertContains(readFails(train, okTest(), 0), train.toString(), "line 2",
        "bad token \"3-0.5\"", "expected index:value");
  }

  @Test
  void badValue() {
    Path train = write(dir, "bad.train", "1 1:x\n");
    assertContains(readFails(train, okTest(), 0), train.toString(), "line 1",
        "bad token \"1:x\"", "not a number");
  }

  @Test
  void nonIncreasingIndex() {
    Path train = write(dir, "ni.train", "1 1:1\n1 2:1 5:1 3:1\n");
    assertContains(readFails(train, okTest(), 0), train.toString(), "line 2",
        "index 3 in \"3:1\" after index 5", "strictly increasing");
  }

  @Test
  void repeatedIndex() {
    Path train = write(dir, "rep.train", "1 2:1 2:3\n");
    assertContains(readFails(train, okTest(), 0), train.toString(), "line 1",
        "index 2 in \"2:3\" after index 2", "strictly increasing");
  }

  @Test
  void zeroIndex() {
    Path train = write(dir, "z.train", "1 0:1 1:1\n");
    assertContains(readFails(train, okTest(), 0), train.toString(), "line 1",
        "index 0", "1-based");
  }

  @Test
  void indexAboveGivenFeatureCount() {
    Path test = write(dir, "big.test", "1 1:1 9:1\n");
    assertContains(readFails(write(dir, "ok.train", "1 1:1\n"), test, 8), test.toString(),
        "line 1", "index 9", "exceeds the number of features, 8");
  }

  @Test
  void unseenTestLabel() {
    Path train = write(dir, "l.train", "1 1:1\n2 1:1\n");
    Path test = write(dir, "l.test", "1 1:1\n3 1:1\n");
    assertContains(readFails(train, test, 0), test.toString(), "line 2", "\"3\"",
        "does not occur in the training file " + train);
  }

  @Test
  void missingAndEmptyFiles() {
    Path missing = dir.resolve("none.train");
    assertContains(readFails(missing, okTest(), 0), missing.toString(), "file not found");
    Path empty = write(dir, "empty.train", "");
    assertContains(readFails(empty, okTest(), 0), empty.toString(), "empty file");
    Path comments = write(dir, "comments.train", "# nothing\n\n");
    assertContains(readFails(comments, okTest(), 0), comments.toString(), "no examples");
  }
}
