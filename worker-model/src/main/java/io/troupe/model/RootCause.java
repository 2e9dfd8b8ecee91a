package io.troupe.model;

/** The innermost cause of an exception: DL4J wraps the message that says what is wrong. */
final class RootCause {
  private RootCause() {}

  static Throwable of(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
