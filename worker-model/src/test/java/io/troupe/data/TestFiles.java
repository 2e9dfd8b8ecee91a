package io.troupe.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small crafted data files for the reader tests. */
final class TestFiles {
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private TestFiles() {}

  /** IDX bytes: magic, dims, then data (all exactly as given, so tests can lie in the header). */
  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  /** count images of rows x cols, pixel value = (image * 7 + position) mod 256. */
  static byte[] images(int count, int rows, int cols) {
    byte[] data = new byte[count * rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ((i / (rows * cols)) * 7 + i % (rows * cols));
    }
    return idx(IMAGES_MAGIC, new int[] {count, rows, cols}, data);
  }

  static byte[] labels(int... values) {
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) values[i];
    }
    return idx(LABELS_MAGIC, new int[] {values.length}, data);
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }
}
