package io.troupe.driver.testing;

import java.io.IOException;
import java.util.Arrays;

/**
 * Runs another program's main class and ends the JVM when its standard input closes. A test JVM
 * starts a server through it with stdin left open: when that JVM dies, even by kill -9 (no shutdown
 * hook runs), the OS closes the pipe and the server goes too.
 * Usage: {@code java -cp ... ExitWithParent MAIN_CLASS [ARGS...]}.
 */
public final class ExitWithParent {
  private ExitWithParent() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Thread watch = new Thread(ExitWithParent::exitWhenStdinCloses, "exit-with-parent");
    watch.setDaemon(true);
    watch.start();
    Class.forName(args[0]).getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitWhenStdinCloses() {
    try {
      while (System.in.read() >= 0) {
        // The parent never writes; a byte is ignored.
      }
    } catch (IOException e) {
      // A broken pipe is a closed pipe.
    }
    Runtime.getRuntime().halt(0);
  }
}
