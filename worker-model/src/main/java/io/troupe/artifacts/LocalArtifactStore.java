package io.troupe.artifacts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An {@link ArtifactStore} in a local (or mounted) directory: key {@code "t0003/model.zip"} is
 * the file {@code <root>/t0003/model.zip}. The root and any parent directories are created on
 * the first write.
 *
 * <p>Writes go to a hidden temporary file ({@code .<name>.<uuid>.partial}) in the target's
 * directory, are flushed and synced to disk, then renamed over the target with
 * {@code ATOMIC_MOVE} (plain {@code REPLACE_EXISTING} where the file system cannot move
 * atomically). A crash therefore leaves either the previous artifact or none under the key, plus
 * at worst a {@code .partial} leftover that {@link #list} never reports.
 *
 * <p>Safe for concurrent writers of different keys; concurrent writers of one key each succeed
 * and the last rename wins.
 */
public final class LocalArtifactStore implements ArtifactStore {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path root;

  /** A store rooted at {@code root}, which need not exist yet. */
  public LocalArtifactStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The absolute, normalized root directory. */
  public Path root() {
    return root;
  }

  @Override
  public void write(String key, IoWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = temporarySibling(target);
    try {
      writeAndSync(temp, writer);
      moveIntoPlace(temp, target);
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /**
   * Writes a hidden temporary file, then hard-links it under the key: a link never replaces an
   * existing file, so the check and the appearance of the whole content are one atomic step.
   * Where the file system has no hard links, the target is created exclusively and filled.
   */
  @Override
  public boolean createIfAbsent(String key, IoWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = temporarySibling(target);
    try {
      writeAndSync(temp, writer);
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      return createExclusively(target, writer);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean createExclusively(Path target, IoWriter writer) throws IOException {
    try {
      writeAndSync(target, writer);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path file = resolve(key);
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      return new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null,
          "no artifact \"" + key + "\" in the store at " + root);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    ArtifactKeys.requireValidPrefix(prefix);
    // Walk only the deepest directory the prefix names, not the whole store.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : ContainedPath.resolve(root, prefix.substring(0, slash), "artifact key prefix");
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(start)) {
      return files.filter(Files::isRegularFile).map(this::keyOf)
          .filter(k -> k.startsWith(prefix) && !k.endsWith(ArtifactKeys.PARTIAL_SUFFIX))
          .sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = resolve(key);
    // A key never names a directory; leave directories (and what is in them) alone.
    if (!Files.isDirectory(file)) {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public String describe(String key) {
    return resolve(key).toString();
  }

  @Override
  public String toString() {
    return "LocalArtifactStore[" + root + "]";
  }

  // The key rules already forbid ".." and absolute keys; the containment check holds even if they change.
  private Path resolve(String key) {
    return ContainedPath.resolve(root, ArtifactKeys.requireValid(key), "artifact key");
  }

  private String keyOf(Path file) {
    Path relative = root.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path segment : relative) {
      key.append(key.length() == 0 ? "" : "/").append(segment);
    }
    return key.toString();
  }

  private static Path temporarySibling(Path target) {
    return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ArtifactKeys.PARTIAL_SUFFIX);
  }

  // Not Files.createTempFile: it makes owner-only (0600) files; artifacts get the usual umask.
  private static void writeAndSync(Path temp, IoWriter writer) throws IOException {
    try (FileChannel channel = FileChannel.open(temp,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = new CloseShieldOutputStream(
          new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
      writer.write(out);
      out.flush();
      // Sync before the rename, or a power loss could expose a renamed but empty file.
      channel.force(true);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp, Throwable failure) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
