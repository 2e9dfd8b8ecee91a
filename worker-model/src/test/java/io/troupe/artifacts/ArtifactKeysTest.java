package io.troupe.artifacts;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactKeysTest {
  @ParameterizedTest
  @ValueSource(strings = {"model.zip", "t0003/model.zip", "t0003/snapshots/epoch-007.bin",
      ".hidden", "a..b/c", "x.partial.zip"})
  void acceptsRelativeSlashSeparatedKeys(String key) {
    // Valid keys come back unchanged.
    assertEquals(key, ArtifactKeys.requireValid(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs/model.zip", "../model.zip", "t1/../../x", "t1/..",
      "a\\b", "C:/x", "a//b", "t1/", "./a", "t1/./a", "t1/model.zip.partial"})
  void rejectsUnsafeKeysNamingThem(String key) {
    // Each would escape the root, be ambiguous across file systems, or clash with temp files.
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ArtifactKeys.requireValid(key));
    assertContains(e, "artifact key \"" + key + "\"");
  }

  @Test
  void rejectsNull() {
    assertThrows(InvalidInputException.class, () -> ArtifactKeys.requireValid(null));
    assertThrows(InvalidInputException.class, () -> ArtifactKeys.requireValidPrefix(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "t0003", "t0003/", "t0003/snap"})
  void acceptsPrefixes(String prefix) {
    // Empty (everything) and keys with or without one trailing '/' are prefixes.
    assertEquals(prefix, ArtifactKeys.requireValidPrefix(prefix));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "../", "/t1/", "t1//", "a\\"})
  void rejectsBadPrefixesNamingThem(String prefix) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ArtifactKeys.requireValidPrefix(prefix));
    assertContains(e, "\"" + prefix + "\"");
  }
}
