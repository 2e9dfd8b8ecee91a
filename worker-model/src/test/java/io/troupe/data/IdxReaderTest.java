package io.troupe.data;

import io.troupe.testing.Messages;
import static io.troupe.data.TestFiles.gzip;
import static io.troupe.data.TestFiles.images;
import static io.troupe.data.TestFiles.labels;
import static io.troupe.data.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static void assertMessage(InvalidInputException e, String... parts) {
    Messages.assertContains(e, parts);
  }

  private InvalidInputException readFails(Path images, Path labels, int numClasses) {
    return assertThrows(InvalidInputException.class,
        () -> IdxReader.readPair(images, labels, "t", numClasses));
  }

  @Test
  void readsGzipFiles() {
    Path img = write(dir, "img.gz", gzip(images(3, 2, 4)));
    Path lab = write(dir, "lab.gz", gzip(labels(0, 2, 1)));
    Dataset d = IdxReader.readPair(img, lab, "tiny", 3);
    assertEquals(3, d.size());
    assertArrayEquals(new int[] {1, 2, 4}, d.featureShape());
    assertEquals(3, d.numClasses());
    assertEquals(2, d.label(1));
    assertEquals((1 * 7 + 5) & 0xFF, (int) d.rawFeature(1, 5));
    assertTrue(d.isByteFeatures());
  }

  @Test
  void rawIdxWorksWhateverTheFileName() {
    // Named .gz but not compressed: detection is by content, not by name.
    Path img = write(dir, "img.gz", images(2, 3, 3));
    Path lab = write(dir, "lab.idx", labels(1, 0));
    Dataset raw = IdxReader.readPair(img, lab, "raw", 2);
    Path imgGz = write(dir, "img2", gzip(images(2, 3, 3)));
    Path labGz = write(dir, "lab2", gzip(labels(1, 0)));
    assertEquals(raw.fingerprint(), IdxReader.readPair(imgGz, labGz, "gz", 2).fingerprint());
  }

  @Test
  void highPixelValuesAreUnsigned() {
    byte[] data = new byte[4];
    Arrays.fill(data, (byte) 0xFF);
    Path img = write(dir, "img", TestFiles.idx(TestFiles.IMAGES_MAGIC, new int[] {1, 2, 2}, data));
    Path lab = write(dir, "lab", labels(200));
    Dataset d = IdxReader.readPair(img, lab, "t", 0);
    assertEquals(255f, d.rawFeature(0, 3));
    assertEquals(201, d.numClasses(), "numClasses <= 0 infers max label + 1");
  }

  @Test
  void wrongMagicNamesExpectedAndFoundInHex() {
    Path img = write(dir, "train-images-idx3-ubyte.gz", gzip(images(2, 2, 2)));
    Path lab = write(dir, "train-labels-idx1-ubyte.gz", gzip(images(2, 2, 2)));
    InvalidInputException e = readFails(img, lab, 10);
    assertMessage(e, lab.toString(), "wrong IDX magic number",
        "expected 0x00000801 (unsigned byte labels, 1 dimension)", "got 0x00000803");
  }

  @Test
  void notAnIdxFileAtAll() {
    Path img = write(dir, "img.txt", "hello, world, this is text");
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "expected 0x00000803", "not an IDX file");
  }

  @Test
  void truncatedImagesSayExpectedAndFoundBytes() {
    byte[] full = images(3, 2, 2);
    Path img = write(dir, "img.gz", gzip(Arrays.copyOf(full, full.length - 5)));
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0, 1, 2)), 3);
    assertMessage(e, img.toString(), "truncated", "3 images of 2x2", "(12 bytes after the header)",
        "only 7 bytes follow", "1 complete images");
  }

  @Test
  void truncatedLabels() {
    byte[] full = labels(0, 1, 2, 3);
    Path lab = write(dir, "labels.gz", gzip(Arrays.copyOf(full, full.length - 1)));
    InvalidInputException e = readFails(write(dir, "img", images(4, 2, 2)), lab, 4);
    assertMessage(e, lab.toString(), "4 labels", "only 3 bytes follow");
  }

  @Test
  void truncatedHeader() {
    Path img = write(dir, "img", Arrays.copyOf(images(1, 2, 2), 10));
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "truncated header: expected 16 header bytes", "found 10");
  }

  @Test
  void trailingBytesAreNotIgnored() {
    byte[] full = images(1, 2, 2);
    Path img = write(dir, "img", Arrays.copyOf(full, full.length + 3));
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "unexpected data after the 1 images", "after 20 bytes");
  }

  @Test
  void countMismatchNamesBothFilesAndCounts() {
    Path img = write(dir, "images.gz", gzip(images(3, 2, 2)));
    Path lab = write(dir, "labels.gz", gzip(labels(0, 1)));
    InvalidInputException e = readFails(img, lab, 2);
    assertMessage(e, img.toString(), lab.toString(), "3 images", "2 labels");
  }

  @Test
  void labelOutOfRangeNamesRecordAndValue() {
    Path lab = write(dir, "labels.gz", gzip(labels(0, 1, 9, 2)));
    InvalidInputException e = readFails(write(dir, "img", images(4, 2, 2)), lab, 5);
    assertMessage(e, lab.toString(), "record 2", "label 9", "expected 0..4");
    Path edge = write(dir, "edge.gz", gzip(labels(0, 5)));
    assertMessage(readFails(write(dir, "img2", images(2, 2, 2)), edge, 5), edge.toString(),
        "record 1", "label 5");
  }

  @Test
  void emptyFile() {
    Path img = write(dir, "images.gz", new byte[0]);
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "empty file");
  }

  @Test
  void missingFile() {
    Path img = dir.resolve("nope-images.gz");
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "file not found");
  }

  @Test
  void corruptGzipStream() {
    byte[] gz = gzip(images(50, 10, 10));
    gz[10] |= 0x06; // the first deflate block's type becomes 11, which deflate reserves
    Path img = write(dir, "images.gz", gz);
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "corrupt gzip stream", "invalid block type");
  }

  @Test
  void gzipChecksumMismatch() {
    byte[] gz = gzip(images(2, 2, 2));
    gz[gz.length - 8] ^= 1; // CRC-32 in the trailer
    Path img = write(dir, "images.gz", gz);
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0, 0)), 1);
    assertMessage(e, img.toString(), "corrupt gzip stream");
  }

  @Test
  void truncatedGzipStream() {
    byte[] gz = gzip(images(50, 10, 10));
    Path img = write(dir, "images.gz", Arrays.copyOf(gz, gz.length / 2));
    InvalidInputException e = readFails(img, write(dir, "lab", labels(0)), 1);
    assertMessage(e, img.toString(), "gzip stream ends unexpectedly");
  }

  @Test
  void negativeAndAbsurdDimensions() {
    Path neg = write(dir, "neg", TestFiles.idx(TestFiles.IMAGES_MAGIC, new int[] {-5, 2, 2},
        new byte[0]));
    assertMessage(readFails(neg, write(dir, "lab", labels(0)), 1), neg.toString(),
        "declares -5 images", "expected at least 1");
    Path zeroRows = write(dir, "zero", TestFiles.idx(TestFiles.IMAGES_MAGIC, new int[] {1, 0, 2},
        new byte[0]));
    assertMessage(readFails(zeroRows, write(dir, "lab", labels(0)), 1), zeroRows.toString(),
        "dimension 2 = 0");
    Path huge = write(dir, "huge", TestFiles.idx(TestFiles.IMAGES_MAGIC,
        new int[] {Integer.MAX_VALUE, 60000, 60000}, new byte[0]));
    assertMessage(readFails(huge, write(dir, "lab", labels(0)), 1), huge.toString(),
        "more than the", "a Java array holds");
  }
}
