package io.troupe.driver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * At JVM exit, stops a shared store and deletes its files. It runs through Hadoop's shutdown hooks,
 * just after Hadoop closes its cached FileSystems (and after Spark stops, which comes earlier), so
 * no client is left talking to a store that is gone.
 */
final class StopAtExit {
  private StopAtExit() {}

  static void register(Runnable stop, Path files) {
    ShutdownHookManager.get().addShutdownHook(() -> {
      try {
        stop.run();
      } finally {
        deleteTree(files);
      }
    }, FileSystem.SHUTDOWN_HOOK_PRIORITY - 1);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
