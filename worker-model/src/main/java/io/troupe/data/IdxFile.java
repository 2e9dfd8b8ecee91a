package io.troupe.data;

import io.troupe.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one unsigned-byte IDX file (MNIST format), gzip-compressed or raw: a big-endian magic
 * number 0x000008NN (NN = number of dimensions), NN big-endian int dimensions, then the data.
 * Gzip is recognised by its 0x1f8b magic, not by the file name.
 */
final class IdxFile {
  /** Holds the dimensions as declared in the header and the data bytes that follow. */
  record Content(int[] dims, byte[] data) {
    int count() {
      return dims[0];
    }
  }

  private static final int BUFFER = 1 << 16;
  // Java arrays stop a little short of Integer.MAX_VALUE.
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final Path file;
  private final int expectedMagic;
  private final String noun; // "images" or "labels", for messages
  private boolean gzip;

  private IdxFile(Path file, int expectedMagic, String noun) {
    this.file = file;
    this.expectedMagic = expectedMagic;
    this.noun = noun;
  }

  /** Reads {@code file}, which must carry {@code expectedMagic}; {@code noun} names its items. */
  static Content read(Path file, int expectedMagic, String noun) {
    DataFiles.requireNonEmptyFile(file, "an IDX file of " + noun + " ("
        + IdxMagic.describe(expectedMagic) + ")");
    return new IdxFile(file, expectedMagic, noun).read();
  }

  private Content read() {
    try (InputStream in = open()) {
      checkMagic(in);
      int[] dims = readDims(in);
      byte[] data = readData(in, dims);
      if (in.read() != -1) {
        fail("unexpected data after the " + dims[0] + " " + noun + " the header declares"
            + " (expected the " + (gzip ? "decompressed " : "") + "file to end after "
            + (headerBytes() + data.length) + " bytes)");
      }
      return new Content(dims, data);
    } catch (ZipException e) {
      throw new InvalidInputException(file + ": corrupt gzip stream: " + e.getMessage(), e);
    } catch (EOFException e) {
      // Only the gzip layer throws EOFException here; plain reads report short counts.
      throw new InvalidInputException(file + ": gzip stream ends unexpectedly (" + e.getMessage()
          + "): the .gz file is truncated or corrupt", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e, e);
    }
  }

  private InputStream open() throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    in.mark(2);
    gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzip ? new GZIPInputStream(in, BUFFER) : in;
  }

  private void checkMagic(InputStream in) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      fail("too short for an IDX file: expected at least 4 bytes (the magic number), found "
          + b.length);
    }
    int magic = bigEndianInt(b, 0);
    if (magic != expectedMagic) {
      fail(String.format("wrong IDX magic number: expected 0x%08x (%s), got 0x%08x (%s)",
          expectedMagic, IdxMagic.describe(expectedMagic), magic, IdxMagic.describe(magic)));
    }
  }

  private int[] readDims(InputStream in) throws IOException {
    int n = IdxMagic.dimensions(expectedMagic);
    byte[] b = in.readNBytes(4 * n);
    if (b.length < 4 * n) {
      fail("truncated header: expected " + headerBytes() + " header bytes (magic number and "
          + n + " dimensions), found " + (4 + b.length));
    }
    int[] dims = new int[n];
    for (int i = 0; i < n; i++) {
      dims[i] = bigEndianInt(b, 4 * i);
    }
    checkDims(dims);
    return dims;
  }

  private void checkDims(int[] dims) {
    if (dims[0] < 1) {
      fail("header declares " + dims[0] + " " + noun + ": expected at least 1 (corrupt header?)");
    }
    for (int i = 1; i < dims.length; i++) {
      if (dims[i] < 1) {
        fail("header declares dimension " + (i + 1) + " = " + dims[i]
            + ": expected >= 1 (corrupt header?)");
      }
    }
    if (totalBytes(dims) > MAX_ARRAY) {
      fail("header declares " + describeCount(dims) + ": more than the " + MAX_ARRAY
          + " bytes a Java array holds (corrupt header?)");
    }
  }

  private byte[] readData(InputStream in, int[] dims) throws IOException {
    byte[] data = new byte[(int) totalBytes(dims)];
    int got = in.readNBytes(data, 0, data.length);
    if (got < data.length) {
      long itemBytes = totalBytes(dims) / dims[0];
      fail("truncated: the header declares " + describeCount(dims) + " (" + data.length
          + " bytes after the header), but only " + got + " bytes follow ("
          + (got / itemBytes) + " complete " + noun + ")");
    }
    return data;
  }

  private String describeCount(int[] dims) {
    StringBuilder s = new StringBuilder().append(dims[0]).append(' ').append(noun);
    for (int i = 1; i < dims.length; i++) {
      s.append(i == 1 ? " of " : "x").append(dims[i]);
    }
    return s.toString();
  }

  private int headerBytes() {
    return 4 + 4 * IdxMagic.dimensions(expectedMagic);
  }

  private static long totalBytes(int[] dims) {
    long total = 1;
    for (int d : dims) {
      total *= d;
      if (total > MAX_ARRAY) {
        return MAX_ARRAY + 1; // saturate: three 31-bit dimensions would overflow a long
      }
    }
    return total;
  }

  private static int bigEndianInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  private void fail(String problem) {
    throw new InvalidInputException(file + ": " + problem);
  }
}
