package io.troupe.driver.store;

import io.troupe.artifacts.ArtifactKeys;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.CloseShieldOutputStream;
import io.troupe.artifacts.IoWriter;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.StreamCapabilities;

/**
 * An {@link ArtifactStore} on any Hadoop {@link FileSystem} ({@code hdfs://}, {@code s3a://}, ...):
 * key {@code "t0003/model.zip"} is {@code <root>/t0003/model.zip}.
 *
 * <p>Each artifact becomes visible whole. On a file system with atomic rename (HDFS) a write goes
 * to a hidden {@code .partial} sibling and is renamed into place. On an object store, which has no
 * atomic rename, the object is written once: S3A uploads it when the stream closes, a single PUT
 * (or a multipart upload completed in one request), so a reader sees all of it or nothing.
 *
 * <p>The {@link FileSystem} comes from Hadoop's cache and is shared with Spark and everything
 * else in the JVM: this store never closes it (closing a cached instance breaks every other user).
 */
public final class HadoopArtifactStore implements ArtifactStore {
  /** Schemes of stores with no atomic rename: objects are written in place, once. */
  private static final Set<String> OBJECT_STORE_SCHEMES =
      Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn", "obs");
  private static final int BUFFER_BYTES = 1 << 16;

  private final FileSystem fs;
  private final Path root;
  private final boolean objectStore;

  /** A store rooted at {@code root}, a URI with a scheme, which need not exist yet. */
  public HadoopArtifactStore(URI root, Configuration conf) throws IOException {
    Objects.requireNonNull(root, "root");
    this.fs = FileSystem.get(root, conf);
    this.root = fs.makeQualified(new Path(root));
    this.objectStore = OBJECT_STORE_SCHEMES.contains(this.root.toUri().getScheme());
  }

  /** The qualified root, e.g. {@code hdfs://namenode:8020/runs/x}. */
  public String root() {
    return root.toString();
  }

  @Override
  public void write(String key, IoWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path target = resolve(key);
    if (objectStore) {
      writeTo(target, writer, true);
      return;
    }
    Path temp = temporarySibling(target);
    try {
      writeTo(temp, writer, false);
      if (!fs.rename(temp, target)) {
        // HDFS's rename never replaces: drop the old artifact, then move the new one in.
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
          throw new IOException("cannot rename " + temp + " to " + target);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /**
   * With atomic rename, the whole artifact is renamed onto the key, which fails if the key exists:
   * one atomic step. On an object store it is a check, then a write: not atomic.
   */
  @Override
  public boolean createIfAbsent(String key, IoWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path target = resolve(key);
    if (objectStore) {
      if (fs.exists(target)) {
        return false;
      }
      writeTo(target, writer, true);
      return true;
    }
    Path temp = temporarySibling(target);
    try {
      writeTo(temp, writer, false);
      return fs.rename(temp, target);
    } finally {
      fs.delete(temp, false);
    }
  }

  @Override
  public boolean createIfAbsentIsAtomic() {
    return !objectStore;
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path file = resolve(key);
    try {
      return fs.open(file, BUFFER_BYTES);
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(file.toString(), null, "no artifact \"" + key + "\" in the store at " + root);
    }
  }

  @Override
  public boolean exists(String key) {
    try {
      return fs.getFileStatus(resolve(key)).isFile();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot check " + describe(key), e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    ArtifactKeys.requireValidPrefix(prefix);
    // List only the deepest directory the prefix names, not the whole store.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : new Path(root, prefix.substring(0, slash));
    List<String> keys = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(start, true);
      while (files.hasNext()) {
        String key = keyOf(files.next());
        if (key.startsWith(prefix) && !key.endsWith(ArtifactKeys.PARTIAL_SUFFIX)) {
          keys.add(key);
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = resolve(key);
    try {
      FileStatus status = fs.getFileStatus(file);
      if (status.isFile()) {
        fs.delete(file, false);
      }
    } catch (FileNotFoundException e) {
      // nothing to delete
    }
  }

  @Override
  public String describe(String key) {
    return resolve(key).toString();
  }

  @Override
  public String toString() {
    return "HadoopArtifactStore[" + root + "]";
  }

  // The key rules forbid "..", absolute keys and empty segments, so the result stays under root.
  private Path resolve(String key) {
    return new Path(root, ArtifactKeys.requireValid(key));
  }

  private String keyOf(FileStatus file) {
    String rootPath = root.toUri().getPath();
    String path = file.getPath().toUri().getPath();
    String relative = path.substring(rootPath.length());
    return relative.startsWith("/") ? relative.substring(1) : relative;
  }

  private static Path temporarySibling(Path target) {
    return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ArtifactKeys.PARTIAL_SUFFIX);
  }

  private void writeTo(Path file, IoWriter writer, boolean overwrite) throws IOException {
    try (FSDataOutputStream stream = fs.create(file, overwrite)) {
      OutputStream out = new CloseShieldOutputStream(new BufferedOutputStream(stream, BUFFER_BYTES));
      writer.write(out);
      out.flush();
      // Durable before it is renamed into place. S3A streams throw on hsync: they upload on close.
      if (stream.hasCapability(StreamCapabilities.HSYNC)) {
        stream.hsync();
      }
    }
  }

  private void deleteQuietly(Path temp, Throwable failure) {
    try {
      fs.delete(temp, false);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
