package io.troupe.artifacts;

import static io.troupe.testing.Messages.assertContains;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {
  @TempDir Path tmp;

  private static void put(ArtifactStore store, String key, String text) throws IOException {
    store.write(key, out -> out.write(text.getBytes(UTF_8)));
  }

  private static String get(ArtifactStore store, String key) throws IOException {
    try (InputStream in = store.open(key)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writeCreatesRootOnDemandAndRoundTrips() throws IOException {
    // The root does not exist until the first write, which creates it and the key's parents.
    Path root = tmp.resolve("runs/r1");
    LocalArtifactStore store = new LocalArtifactStore(root);
    assertFalse(Files.exists(root));
    assertFalse(store.exists("t0003/model.zip"));
    put(store, "t0003/model.zip", "weights");
    assertTrue(Files.isRegularFile(root.resolve("t0003/model.zip")));
    assertTrue(store.exists("t0003/model.zip"));
    assertEquals("weights", get(store, "t0003/model.zip"));
  }

  @Test
  void overwriteReplacesContent() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    put(store, "k", "a much longer first version");
    put(store, "k", "v2");
    assertEquals("v2", get(store, "k"));
  }

  @Test
  void finalKeyAppearsOnlyWhenTheWriteCompletes() throws IOException {
    // While the writer runs, its bytes go to a hidden .partial file beside the target.
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    store.write("t1/model.zip", out -> {
      out.write(new byte[100_000]);
      out.flush();
      assertFalse(store.exists("t1/model.zip"));
      List<String> inProgress = filesIn(tmp.resolve("t1"));
      assertEquals(1, inProgress.size(), inProgress.toString());
      assertTrue(inProgress.get(0).startsWith(".model.zip."), inProgress.toString());
      assertTrue(inProgress.get(0).endsWith(ArtifactKeys.PARTIAL_SUFFIX));
      assertEquals(List.of(), store.list(""), "a write in progress is not listed");
    });
    assertEquals(List.of("model.zip"), filesIn(tmp.resolve("t1")));
    assertEquals(100_000, Files.size(tmp.resolve("t1/model.zip")));
  }

  @Test
  void failedWriteKeepsPreviousContentAndLeavesNoTempFile() throws IOException {
    // A writer that dies half-way (a crash, as far as the store can tell) changes nothing.
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    put(store, "t1/preds.bin", "old");
    IOException boom = new IOException("disk on fire");
    IOException thrown = assertThrows(IOException.class, () -> store.write("t1/preds.bin",
        out -> {
          out.write("new, half written".getBytes(UTF_8));
          throw boom;
        }));
    assertSame(boom, thrown);
    assertEquals("old", get(store, "t1/preds.bin"));
    assertEquals(List.of("preds.bin"), filesIn(tmp.resolve("t1")));
  }

  @Test
  void failedFirstWriteLeavesNoArtifact() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    assertThrows(IllegalStateException.class, () -> store.write("t1/x", out -> {
      out.write(1);
      throw new IllegalStateException("writer bug");
    }));
    assertFalse(store.exists("t1/x"));
    assertEquals(List.of(), filesIn(tmp.resolve("t1")));
  }

  @Test
  void writerMayCloseTheStream() throws IOException {
    // ND4J and ModelSerializer close what they are given; the store must still finish.
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    store.write("k", out -> {
      out.write("abc".getBytes(UTF_8));
      out.close();
    });
    assertEquals("abc", get(store, "k"));
  }

  @Test
  void listIsSortedAndFiltersByStringPrefix() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    for (String key : List.of("b/2", "a/sub/x", "a/10", "ab", "a/1")) {
      put(store, key, key);
    }
    assertEquals(List.of("a/1", "a/10", "a/sub/x", "ab", "b/2"), store.list(""));
    assertEquals(List.of("a/1", "a/10", "a/sub/x"), store.list("a/"));
    assertEquals(List.of("a/1", "a/10", "a/sub/x", "ab"), store.list("a"));
    assertEquals(List.of("a/1", "a/10"), store.list("a/1"));
    assertEquals(List.of(), store.list("missing/"));
    assertEquals(List.of(), new LocalArtifactStore(tmp.resolve("nope")).list(""));
  }

  @Test
  void listHidesLeftoversOfCrashedWrites() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    put(store, "t1/model.zip", "m");
    Files.writeString(tmp.resolve("t1/.model.zip.1234.partial"), "half");
    assertEquals(List.of("t1/model.zip"), store.list(""));
  }

  @Test
  void openMissingNamesKeyAndRoot() {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> store.open("t9/model.zip"));
    assertContains(e, "\"t9/model.zip\"", tmp.toAbsolutePath().toString());
  }

  @Test
  void openOfADirectoryIsMissing() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    put(store, "t1/a", "x");
    assertFalse(store.exists("t1"));
    assertThrows(NoSuchFileException.class, () -> store.open("t1"));
  }

  @Test
  void deleteRemovesAndIsIdempotentAndSparesDirectories() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    put(store, "t1/a", "x");
    store.delete("t1/a");
    assertFalse(store.exists("t1/a"));
    store.delete("t1/a"); // already gone: no error
    put(store, "t2/b", "y");
    store.delete("t2"); // a directory, not an artifact: left alone
    assertTrue(store.exists("t2/b"));
  }

  @Test
  void describeIsTheAbsolutePathUnderTheRoot() {
    LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("r/../s"));
    assertEquals(tmp.toAbsolutePath().resolve("s").toString(), store.root().toString());
    assertEquals(tmp.toAbsolutePath().resolve("s/t1/model.zip").toString(),
        store.describe("t1/model.zip"));
  }

  @Test
  void everyOperationRejectsBadKeysBeforeTouchingDisk() {
    // "../x" would land beside the root; nothing may be created there.
    LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("root"));
    String key = "../escaped";
    assertContains(assertThrows(InvalidInputException.class,
        () -> put(store, key, "x")), key);
    assertThrows(InvalidInputException.class, () -> store.open(key));
    assertThrows(InvalidInputException.class, () -> store.exists(key));
    assertThrows(InvalidInputException.class, () -> store.delete(key));
    assertThrows(InvalidInputException.class, () -> store.describe(key));
    assertThrows(InvalidInputException.class, () -> store.list("../"));
    assertFalse(Files.exists(tmp.resolve("escaped")));
    assertFalse(Files.exists(tmp.resolve("root")));
  }
}
