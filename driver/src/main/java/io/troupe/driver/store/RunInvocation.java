package io.troupe.driver.store;

import java.util.List;

/** How a run was started: the command ("sweep", "compare", ...) and its whole command line. */
public record RunInvocation(String command, List<String> commandLine) {
  public RunInvocation {
    commandLine = List.copyOf(commandLine);
  }

  /** A run started from code rather than the command line (tests, the API). */
  public static RunInvocation of(String command) {
    return new RunInvocation(command, List.of(command));
  }
}
