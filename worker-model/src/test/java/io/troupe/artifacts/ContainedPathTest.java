package io.troupe.artifacts;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainedPathTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"fashion-mlp", "a..b", ".hidden", "t0003/model.zip", "a/../b", "./b"})
  void namesThatStayInsideResolveUnderTheRoot(String name) {
    // Normalized lexically: "a/../b" and "./b" are the root's "b".
    Path root = dir.resolve("out");
    Path resolved = ContainedPath.resolve(root, name, "name");
    assertEquals(root.resolve(name).normalize(), resolved);
    assertFalse(Files.exists(root), "resolving creates nothing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../../etc", "a/../../b", "../out-sibling", "a/b/../../../c"})
  void namesThatClimbOutAreRefusedWithWhereTheyWouldLead(String name) {
    Path root = dir.resolve("a/b/out");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ContainedPath.resolve(root, name, "name"));
    assertContains(e, "name: \"" + name + "\"", "outside " + root.toAbsolutePath().normalize());
  }

  @Test
  void aRootWrittenWithDotsIsNormalizedBeforeTheCheck() {
    // "out/x/.." is "out": "../etc" under it still leaves it.
    Path root = dir.resolve("out/x/..");
    assertThrows(InvalidInputException.class, () -> ContainedPath.resolve(root, "../etc", "name"));
    assertEquals(dir.resolve("out/y"), ContainedPath.resolve(root, "y", "name"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc", "/tmp/x"})
  void absolutePathsAreRefused(String name) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ContainedPath.resolve(dir, name, "name"));
    assertContains(e, "name: \"" + name + "\"", "absolute");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ".", "a/.."})
  void emptyNamesAndTheRootItselfAreRefused(String name) {
    // Results would land beside other experiments' directories, in the root itself.
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ContainedPath.resolve(dir, name, "artifact key"));
    assertContains(e, "artifact key: \"" + name + "\"");
  }

  @Test
  void aNulCharacterIsRefusedAsBadInput() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ContainedPath.resolve(dir, "a\0b", "name"));
    assertContains(e, "not a valid path");
  }

  @Test
  void linksAreNeitherFollowedNorResolved() throws Exception {
    // The root's link stays as written; the check compares paths, not what the disk says today.
    Path real = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    assertEquals(link.resolve("x"), ContainedPath.resolve(link, "x", "name"));
    assertThrows(InvalidInputException.class, () -> ContainedPath.resolve(link, "../real/x", "name"));
  }

  @Test
  void aRelativeRootGivesARelativePathCheckedAsAbsolute() {
    // Printed paths stay as the user wrote --out; the check itself runs on absolute paths.
    assertEquals(Path.of("out/x"), ContainedPath.resolve(Path.of("out"), "x", "name"));
    assertThrows(InvalidInputException.class, () -> ContainedPath.resolve(Path.of("out"), "../x", "name"));
  }
}
