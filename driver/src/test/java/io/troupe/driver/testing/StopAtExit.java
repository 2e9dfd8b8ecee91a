package io.troupe.driver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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

  /** Deletes {@code root} and all in it, skipping what vanishes meanwhile (a store's threads may still run). */
  private static void deleteTree(Path root) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
