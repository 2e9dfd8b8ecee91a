package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.junit.jupiter.api.Test;

/**
 * The shared S3 server is one per JVM and S3A reaches it with its settings alone. What S3A does
 * where HDFS would lock or refuse is recorded here: an exclusive create is a check, not a lock.
 */
class SharedS3Test {
  private final SharedS3 s3 = SharedS3.get();

  private FileSystem fs(URI dir) throws IOException {
    return FileSystem.get(dir, s3.configuration());
  }

  @Test
  void isOneServerPerJvmOnLoopbackWithAFreshPathPerCall() {
    assertSame(s3, SharedS3.get());
    assertTrue(s3.endpoint().toString().matches("http://127\\.0\\.0\\.1:\\d+"), s3.endpoint().toString());
    URI a = s3.path("same");
    assertNotEquals(a, s3.path("same"));
    assertEquals("troupe-tests", a.getHost());
    assertEquals(URI.create("s3a://other-bucket/"), s3.bucket("other-bucket"));
    assertThrows(IllegalArgumentException.class, () -> s3.bucket("Upper_Case"));
    assertEquals(s3.endpoint().toString(), s3.configuration().get("fs.s3a.endpoint"));
    assertEquals(s3.accessKey(), s3.sparkSettings().get("spark.hadoop.fs.s3a.access.key"));
  }

  @Test
  void writesReadsListsAndDeletesThroughS3a() throws IOException {
    Path dir = new Path(s3.path("crud"));
    FileSystem fs = fs(dir.toUri());
    assertTrue(fs instanceof S3AFileSystem, fs.getClass().getName());
    StorageChecks.writeReadListDelete(fs, dir);
  }

  @Test
  void aNewBucketIsEmptyAndWritable() throws IOException {
    Path bucket = new Path(s3.bucket("fresh-bucket"));
    FileSystem fs = fs(bucket.toUri());
    assertEquals(0, fs.listStatus(bucket).length);
    StorageChecks.write(fs, new Path(bucket, "x"), "x");
    assertEquals("x", StorageChecks.read(fs, new Path(bucket, "x")));
  }

  @Test
  void anExclusiveCreateOfAnExistingFileFails() throws IOException {
    Path file = new Path(new Path(s3.path("exclusive")), "lock");
    FileSystem fs = fs(file.toUri());
    StorageChecks.write(fs, file, "first");
    assertThrows(FileAlreadyExistsException.class, () -> fs.create(file, false));
    assertEquals("first", StorageChecks.read(fs, file));
  }

  @Test
  void anExclusiveCreateIsNoLockTwoOpenWritersBothSucceedAndTheLastCloseWins() throws IOException {
    // S3A checks for the file when create() is called; the object appears only at close().
    Path file = new Path(new Path(s3.path("lock")), "lock");
    FileSystem fs = fs(file.toUri());
    FSDataOutputStream first = fs.create(file, false);
    FSDataOutputStream second = fs.create(file, false);
    first.write("first".getBytes(StandardCharsets.UTF_8));
    second.write("second".getBytes(StandardCharsets.UTF_8));
    first.close();
    second.close();
    assertEquals("second", StorageChecks.read(fs, file));
  }

  @Test
  void renameOntoAnExistingFileThrowsAndChangesNothing() throws IOException {
    // HDFS returns false here; S3A throws. (An S3A rename is a copy and a delete, never atomic.)
    Path dir = new Path(s3.path("rename"));
    FileSystem fs = fs(dir.toUri());
    Path source = new Path(dir, "source");
    Path target = new Path(dir, "target");
    StorageChecks.write(fs, source, "new");
    StorageChecks.write(fs, target, "old");
    assertThrows(FileAlreadyExistsException.class, () -> fs.rename(source, target));
    assertEquals("new", StorageChecks.read(fs, source));
    assertEquals("old", StorageChecks.read(fs, target));
  }
}
