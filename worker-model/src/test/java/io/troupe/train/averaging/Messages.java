package io.troupe.train.averaging;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on error messages. */
final class Messages {
  private Messages() {}

  static void assertContains(Throwable e, String... parts) {
    assertNotNull(e.getMessage(), () -> "no message on " + e);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part),
          () -> "message should contain <" + part + ">: " + e.getMessage());
    }
  }
}
