package io.troupe.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on error messages, shared by the test packages. */
public final class Messages {
  private Messages() {}

  /** The message of {@code e} exists and contains every one of {@code parts}. */
  public static void assertContains(Throwable e, String... parts) {
    assertNotNull(e.getMessage(), () -> "no message on " + e);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part),
          () -> "message should contain <" + part + ">: " + e.getMessage());
    }
  }
}
