package io.troupe.config.binding;

/** Reports cross-field problems against the config path of the record being checked. */
public final class Checks {
  private final String recordPath;
  private final Problems problems;

  Checks(String recordPath, Problems problems) {
    this.recordPath = recordPath;
    this.problems = problems;
  }

  /** The full path of a field of this record, for messages that mention a neighbour. */
  public String path(String field) {
    return ConfigPaths.join(recordPath, field);
  }

  /** Reports a problem with {@code field} (a dotted path relative to this record). */
  public void fail(String field, String message) {
    problems.add(path(field), message);
  }
}
