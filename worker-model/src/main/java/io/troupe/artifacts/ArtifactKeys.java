package io.troupe.artifacts;

import io.troupe.InvalidInputException;

/**
 * The key rules shared by every {@link ArtifactStore}: a key is a relative path of one or more
 * '/'-separated segments, so it maps to the same place on a local disk, HDFS or an object store.
 */
public final class ArtifactKeys {
  /**
   * Suffix of in-progress writes. Keys may not end with it, so {@link ArtifactStore#list} can
   * hide leftovers of a crashed write without hiding real artifacts.
   */
  public static final String PARTIAL_SUFFIX = ".partial";

  private ArtifactKeys() {}

  /**
   * Returns {@code key} if it is valid, else throws {@link InvalidInputException} naming it.
   * Valid: not empty; not absolute; no backslash, ':' or NUL; no empty, "." or ".." segment; not
   * ending with {@link #PARTIAL_SUFFIX}.
   */
  public static String requireValid(String key) {
    String problem = problemWith(key);
    if (problem != null) {
      throw new InvalidInputException("artifact key \"" + key + "\": " + problem);
    }
    return key;
  }

  /**
   * Returns {@code prefix} if it is a valid {@link ArtifactStore#list} prefix: empty, or a key
   * optionally followed by one '/'.
   */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new InvalidInputException("artifact key prefix is missing (null)");
    }
    if (!prefix.isEmpty()) {
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      String problem = problemWith(p);
      if (problem != null) {
        throw new InvalidInputException("artifact key prefix \"" + prefix + "\": " + problem);
      }
    }
    return prefix;
  }

  private static String problemWith(String key) {
    if (key == null || key.isEmpty()) {
      return "must not be empty";
    }
    if (key.startsWith("/")) {
      return "must be relative (no leading '/')";
    }
    // ':' would make "C:x" a drive-relative path on Windows and a scheme on object stores.
    if (key.indexOf('\\') >= 0 || key.indexOf(':') >= 0 || key.indexOf('\0') >= 0) {
      return "must not contain '\\', ':' or NUL; use '/' between segments";
    }
    if (key.endsWith(PARTIAL_SUFFIX)) {
      return "must not end with " + PARTIAL_SUFFIX + " (reserved for in-progress writes)";
    }
    return segmentProblem(key);
  }

  private static String segmentProblem(String key) {
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        return "must not have an empty segment (\"//\" or a trailing '/')";
      }
      if (segment.equals("..")) {
        return "must not contain \"..\"";
      }
      if (segment.equals(".")) {
        return "must not contain a \".\" segment";
      }
    }
    return null;
  }
}
