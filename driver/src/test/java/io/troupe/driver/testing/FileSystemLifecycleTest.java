package io.troupe.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Why a FileSystem reports "FileSystem is closed!" (S3A) or "Filesystem closed" (HDFS), and the
 * rules the store follows so it never does:
 * <ol>
 *   <li>{@code FileSystem.get} and {@code Path.getFileSystem} return one cached instance per
 *       (scheme, authority, user) for the whole JVM, which in local mode Spark's tasks share too.
 *       Never close it (no try-with-resources on it): every other holder breaks.</li>
 *   <li>An instance to close yourself comes from {@code FileSystem.newInstance}.</li>
 *   <li>At JVM exit (end of main, System.exit, SIGTERM) Hadoop's shutdown hook closes every
 *       FileSystem, newInstance ones included, while other threads still run. Writes must be
 *       finished before: close the store before exiting, and drain it from a Hadoop shutdown hook
 *       with a priority above {@link FileSystem#SHUTDOWN_HOOK_PRIORITY} (below Spark's 40, so
 *       Spark has stopped sending results).</li>
 * </ol>
 */
class FileSystemLifecycleTest {
  /** Drain hooks run after Spark stops (Hadoop priority 40) and before FileSystems close (10). */
  static final int DRAIN_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 10;

  private final SharedS3 s3 = SharedS3.get();

  static Stream<SharedStorage> stores() {
    return Stream.of(SharedHdfs.get(), SharedS3.get());
  }

  @Test
  void closingTheCachedInstanceBreaksEveryOtherHolderOfIt() throws IOException {
    // A bucket of its own: its cached instance is this test's alone to break.
    URI bucket = s3.bucket("lifecycle-cached");
    FileSystem held = FileSystem.get(bucket, s3.configuration());
    try (FileSystem fs = FileSystem.get(bucket, s3.configuration())) {
      assertSame(held, fs);
      StorageChecks.write(fs, new org.apache.hadoop.fs.Path(bucket.resolve("a")), "a");
    }
    IOException e = assertThrows(IOException.class, () -> held.exists(new org.apache.hadoop.fs.Path(bucket.resolve("a"))));
    assertTrue(e.getMessage().contains("FileSystem is closed!"), e.getMessage());
    // The closer itself sees nothing wrong: its next get() builds a new instance.
    assertTrue(FileSystem.get(bucket, s3.configuration()).exists(new org.apache.hadoop.fs.Path(bucket.resolve("a"))));
  }

  @Test
  void anInstanceFromNewInstanceClosesWithoutHarmingTheCachedOne() throws IOException {
    URI bucket = s3.bucket("lifecycle-own");
    FileSystem held = FileSystem.get(bucket, s3.configuration());
    try (FileSystem own = FileSystem.newInstance(bucket, s3.configuration())) {
      StorageChecks.write(own, new org.apache.hadoop.fs.Path(bucket.resolve("a")), "a");
    }
    assertEquals("a", StorageChecks.read(held, new org.apache.hadoop.fs.Path(bucket.resolve("a"))));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aFlushAfterHadoopHasClosedTheFileSystemsAtExitFails(SharedStorage store) throws Exception {
    // As a store flushed from a plain JVM shutdown hook may be: those run in no set order with Hadoop's.
    String outcome = runToExit(store, FileSystem.SHUTDOWN_HOOK_PRIORITY - 1);
    assertTrue(outcome.matches("flush failed: java.io.IOException: .*(FileSystem is closed!|Filesystem closed)"), outcome);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aFlushFromAHookAboveFileSystemsAtExitSucceeds(SharedStorage store) throws Exception {
    assertEquals("flushed", runToExit(store, DRAIN_PRIORITY));
  }

  /** Runs {@link FlushAtExit} in its own JVM on a fresh path of {@code store}; returns its outcome. */
  private static String runToExit(SharedStorage store, int flushPriority) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
        "-cp", System.getProperty("java.class.path"), FlushAtExit.class.getName(),
        store.path("exit").toString(), Integer.toString(flushPriority)));
    store.hadoopSettings().forEach((key, value) -> command.add(key + "=" + value));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertTrue(output.contains("cycle 3\n"), output);
    return output.lines().filter(l -> l.startsWith("outcome: ")).map(l -> l.substring(9)).findFirst()
        .orElseThrow(() -> new AssertionError("no outcome:\n" + output));
  }

  /**
   * A store as the prototype's loop used it: one {@code FileSystem.get} instance, held; three
   * cycles of create and close a small file, exists, listStatus; then System.exit as a CLI ends,
   * with one more cycle left as a flush in a Hadoop shutdown hook. Arguments: directory URI, the
   * hook's priority, then KEY=VALUE Hadoop settings. Prints "cycle N" and "outcome: ...".
   */
  static final class FlushAtExit {
    private FlushAtExit() {}

    public static void main(String[] args) throws IOException {
      URI dir = URI.create(args[0]);
      Configuration conf = new Configuration();
      for (int i = 2; i < args.length; i++) {
        String[] setting = args[i].split("=", 2);
        conf.set(setting[0], setting[1]);
      }
      FileSystem fs = FileSystem.get(dir, conf);
      for (int i = 1; i <= 3; i++) {
        cycle(fs, dir, i);
        System.out.println("cycle " + i);
      }
      ShutdownHookManager.get().addShutdownHook(() -> {
        try {
          cycle(fs, dir, 4);
          System.out.println("outcome: flushed");
        } catch (IOException e) {
          System.out.println("outcome: flush failed: " + e);
        }
      }, Integer.parseInt(args[1]));
      System.exit(0);
    }

    private static void cycle(FileSystem fs, URI dir, int n) throws IOException {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.toString(), "f" + n);
      StorageChecks.write(fs, file, "cycle " + n);
      fs.exists(file);
      fs.listStatus(file.getParent());
    }
  }
}
