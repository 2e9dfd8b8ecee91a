package io.troupe.eval;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PredictionsTest {
  /** 2 rows x 3 classes. */
  private static Predictions twoByThree() {
    return Predictions.fromRows(new float[] {0.2f, 0.5f, 0.3f, 0.6f, 0.1f, 0.3f}, 2, 3);
  }

  private static byte[] bytesOf(Predictions p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return out.toByteArray();
  }

  private static Predictions parse(byte[] bytes) throws IOException {
    return Predictions.readFrom(new ByteArrayInputStream(bytes));
  }

  @Test
  void accessorsReadRowMajor() {
    Predictions p = twoByThree();
    assertEquals(2, p.rows());
    assertEquals(3, p.columns());
    assertEquals(0.5f, p.probability(0, 1));
    assertEquals(0.6f, p.probability(1, 0));
    assertEquals(1, p.predictedClass(0));
    assertEquals(0, p.predictedClass(1));
    assertThrows(IndexOutOfBoundsException.class, () -> p.probability(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> p.probability(0, 3));
  }

  @Test
  void fromRowsCopiesAndToArrayCopies() {
    float[] data = {0.2f, 0.8f};
    Predictions p = Predictions.fromRows(data, 1, 2);
    data[0] = 9;
    p.toArray()[1] = 9;
    assertEquals(0.2f, p.probability(0, 0));
    assertEquals(0.8f, p.probability(0, 1));
  }

  @Test
  void fromRowsRejectsWrongLengthOrShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Predictions.fromRows(new float[5], 2, 3));
    assertContains(e, "5", "2 x 3");
    assertThrows(IllegalArgumentException.class, () -> Predictions.fromRows(new float[0], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Predictions.fromRows(new float[0], -1, 1));
    assertThrows(NullPointerException.class, () -> Predictions.fromRows(null, 0, 1));
  }

  @Test
  void tiesGoToTheLowestClassAndNaNNeverWins() {
    Predictions p = Predictions.fromRows(new float[] {
        0.1f, 0.45f, 0.45f, // tie between 1 and 2 -> 1
        1 / 3f, 1 / 3f, 1 / 3f, // three-way tie -> 0
        Float.NaN, 0.2f, 0.1f, // NaN first -> the best number, 1
        Float.NaN, Float.NaN, Float.NaN}, 4, 3);
    assertEquals(1, p.predictedClass(0));
    assertEquals(0, p.predictedClass(1));
    assertEquals(1, p.predictedClass(2));
    assertEquals(0, p.predictedClass(3));
  }

  @Test
  void outputIsForSingleColumnPredictionsOnly() {
    Predictions r = Predictions.fromRows(new float[] {1.5f, -2f}, 2, 1);
    assertEquals(-2f, r.output(1));
    assertThrows(IllegalStateException.class, () -> twoByThree().output(0));
  }

  @Test
  void binaryFormatHasTheDocumentedLayout() throws IOException {
    // "TRPR", version 1, rows 2, columns 3 as little-endian int32, then 6 little-endian floats.
    byte[] b = bytesOf(twoByThree());
    assertEquals(16 + 4 * 6, b.length);
    assertArrayEquals(new byte[] {'T', 'R', 'P', 'R', 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0},
        Arrays.copyOf(b, 16));
    // 0.5f = 0x3F000000, the second value.
    assertArrayEquals(new byte[] {0, 0, 0, 0x3F}, Arrays.copyOfRange(b, 20, 24));
  }

  @Test
  void roundTripsIncludingEmptyAndMultiChunk() throws IOException {
    assertEquals(twoByThree(), parse(bytesOf(twoByThree())));
    Predictions empty = Predictions.fromRows(new float[0], 0, 10);
    assertEquals(empty, parse(bytesOf(empty)));
    // 60,000 values span several 16,384-value chunks on both sides.
    float[] big = new float[20_000 * 3];
    for (int i = 0; i < big.length; i++) {
      big[i] = (i % 1009) / 1009f - 0.25f;
    }
    Predictions p = Predictions.fromRows(big, 20_000, 3);
    assertEquals(p, parse(bytesOf(p)));
  }

  @Test
  void readFromConsumesExactlyOnePredictions() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    twoByThree().writeTo(out);
    Predictions.fromRows(new float[] {7f}, 1, 1).writeTo(out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertEquals(twoByThree(), Predictions.readFrom(in));
    assertEquals(7f, Predictions.readFrom(in).output(0));
    assertEquals(-1, in.read());
  }

  @Test
  void truncatedStreamsFailWithEof() throws IOException {
    byte[] b = bytesOf(twoByThree());
    EOFException body = assertThrows(EOFException.class,
        () -> parse(Arrays.copyOf(b, b.length - 1)));
    assertContains(body, "expected 6 values", "ends after 5");
    assertContains(assertThrows(EOFException.class, () -> parse(Arrays.copyOf(b, 10))),
        "header");
    assertThrows(EOFException.class, () -> parse(new byte[0]));
  }

  @Test
  void corruptHeadersAreRejected() throws IOException {
    byte[] good = bytesOf(twoByThree());
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertContains(assertThrows(IOException.class, () -> parse(magic)), "TRPR");
    byte[] version = good.clone();
    version[4] = 2;
    assertContains(assertThrows(IOException.class, () -> parse(version)), "version 2");
    byte[] negative = good.clone();
    negative[11] = (byte) 0x80; // rows becomes negative
    assertContains(assertThrows(IOException.class, () -> parse(negative)), "corrupt");
  }

  @Test
  void hugeClaimedSizeFailsWithoutAllocatingIt() {
    // Header claims 2^29 x 3 values (6.4 GB, more than the test heap); only 8 bytes follow.
    // Must fail with EOF after reading them, not with OutOfMemoryError.
    byte[] b = {'T', 'R', 'P', 'R', 1, 0, 0, 0, 0, 0, 0, 0x20, 3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    assertContains(assertThrows(EOFException.class, () -> parse(b)),
        "expected 1610612736 values", "ends after 2");
    byte[] c = b.clone();
    c[11] = 0x40; // 2^30 x 3 values do not fit in one Java array at all
    assertContains(assertThrows(IOException.class, () -> parse(c)), "corrupt", "do not fit");
  }

  @Test
  void javaSerializationRoundTrips() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(twoByThree());
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(twoByThree(), in.readObject());
    }
  }
}
