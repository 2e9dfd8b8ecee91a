package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** File operations and checks the storage smoke tests share. */
final class StorageChecks {
  private StorageChecks() {}

  static void write(FileSystem fs, Path file, String text) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Names of the files directly in {@code dir}, sorted. */
  static List<String> list(FileSystem fs, Path dir) throws IOException {
    return Arrays.stream(fs.listStatus(dir)).map(FileStatus::getPath).map(Path::getName).sorted().toList();
  }

  /** Writes two files, reads one back, lists both, deletes the directory. */
  static void writeReadListDelete(FileSystem fs, Path dir) throws IOException {
    write(fs, new Path(dir, "a.json"), "{\"a\":1}");
    write(fs, new Path(dir, "b.json"), "{\"b\":2}");
    assertEquals("{\"a\":1}", read(fs, new Path(dir, "a.json")));
    assertEquals(List.of("a.json", "b.json"), list(fs, dir));
    assertEquals(7, fs.getFileStatus(new Path(dir, "b.json")).getLen());
    assertTrue(fs.delete(dir, true));
    assertFalse(fs.exists(new Path(dir, "a.json")));
  }
}
