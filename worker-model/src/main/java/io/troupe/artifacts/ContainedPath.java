package io.troupe.artifacts;

import io.troupe.InvalidInputException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a name from input (an experiment name, an artifact key) under a root directory, and
 * refuses any name that would land outside it or on the root itself. The check is lexical: both
 * paths are made absolute and normalized ("a/../b" is "b") without touching the disk, so it holds
 * for directories that do not exist yet and does not depend on what links are there today.
 */
public final class ContainedPath {
  private ContainedPath() {}

  /**
   * {@code root/relative}, normalized (relative if {@code root} is), if that lies strictly inside
   * {@code root}; else an {@link InvalidInputException} naming {@code what} (e.g. "name"), the value
   * and the root.
   */
  public static Path resolve(Path root, String relative, String what) {
    Path base = root.toAbsolutePath().normalize();
    String problem = problemWith(base, relative);
    if (problem != null) {
      throw new InvalidInputException(what + ": \"" + relative + "\" " + problem + " " + base
          + "; expected a plain name such as \"fashion-mlp\"");
    }
    return root.resolve(relative).normalize();
  }

  private static String problemWith(Path base, String relative) {
    if (relative == null || relative.isBlank()) {
      return "is empty; it must name something inside";
    }
    Path path;
    try {
      path = Path.of(relative);
    } catch (InvalidPathException e) {
      return "is not a valid path (" + e.getReason() + "); it must name something inside";
    }
    if (path.isAbsolute()) {
      return "is an absolute path; it must name something inside";
    }
    Path target = base.resolve(path).normalize();
    if (target.equals(base)) {
      return "is the directory itself; it must name something inside";
    }
    return target.startsWith(base) ? null : "leads to " + target + ", outside";
  }
}
