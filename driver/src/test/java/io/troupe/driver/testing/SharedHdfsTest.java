package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The shared HDFS is one per JVM, and behaves as HDFS: an exclusive create is a lock, rename does not overwrite. */
class SharedHdfsTest {
  private final SharedHdfs hdfs = SharedHdfs.get();

  private FileSystem fs(URI dir) throws IOException {
    return FileSystem.get(dir, hdfs.configuration());
  }

  @Test
  void isOneClusterPerJvmOnLoopbackWithAFreshPathPerCall() {
    assertSame(hdfs, SharedHdfs.get());
    assertTrue(hdfs.uri().toString().matches("hdfs://127\\.0\\.0\\.1:\\d+"), hdfs.uri().toString());
    URI a = hdfs.path("same");
    assertNotEquals(a, hdfs.path("same"));
    assertEquals(hdfs.uri().getAuthority(), a.getAuthority());
    assertThrows(IllegalArgumentException.class, () -> hdfs.path("no/slashes"));
  }

  @Test
  void writesReadsListsAndDeletes() throws IOException {
    Path dir = new Path(hdfs.path("crud"));
    FileSystem fs = fs(dir.toUri());
    StorageChecks.writeReadListDelete(fs, dir);
  }

  @Test
  void anExclusiveCreateOfAnExistingFileFails() throws IOException {
    Path file = new Path(new Path(hdfs.path("exclusive")), "lock");
    FileSystem fs = fs(file.toUri());
    StorageChecks.write(fs, file, "first");
    assertThrows(FileAlreadyExistsException.class, () -> fs.create(file, false));
    assertEquals("first", StorageChecks.read(fs, file));
  }

  @Test
  void anExclusiveCreateIsALockEvenWhileTheFirstWriterIsOpen() throws IOException {
    Path file = new Path(new Path(hdfs.path("lock")), "lock");
    FileSystem fs = fs(file.toUri());
    try (FSDataOutputStream first = fs.create(file, false)) {
      first.write("first".getBytes(StandardCharsets.UTF_8));
      assertThrows(IOException.class, () -> fs.create(file, false));
    }
    assertEquals("first", StorageChecks.read(fs, file));
  }

  @Test
  void renameOntoAnExistingFileReturnsFalseAndChangesNothing() throws IOException {
    Path dir = new Path(hdfs.path("rename"));
    FileSystem fs = fs(dir.toUri());
    Path source = new Path(dir, "source");
    Path target = new Path(dir, "target");
    StorageChecks.write(fs, source, "new");
    StorageChecks.write(fs, target, "old");
    assertFalse(fs.rename(source, target));
    assertEquals("new", StorageChecks.read(fs, source));
    assertEquals("old", StorageChecks.read(fs, target));
  }
}
