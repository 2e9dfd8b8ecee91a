package io.troupe.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a trial's model, snapshots and predictions go, addressed by key: a relative path with
 * '/' separators such as {@code "t0003/model.zip"}. Keys are checked by
 * {@link ArtifactKeys#requireValid(String)}: empty, absolute, {@code ".."}, backslashes and the
 * like are rejected with an {@link io.troupe.InvalidInputException} naming the key.
 *
 * <p>Implementations write each artifact atomically: a reader sees the old content, the new
 * content, or nothing, never a half-written artifact.
 */
public interface ArtifactStore {

  /** Writes (or replaces) the artifact {@code key} with what {@code writer} produces. */
  void write(String key, IoWriter writer) throws IOException;

  /**
   * Opens artifact {@code key} for reading; the caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such artifact; the message names
   *     the key and the store
   */
  InputStream open(String key) throws IOException;

  /** True if artifact {@code key} exists. */
  boolean exists(String key);

  /**
   * Every key that starts with {@code prefix}, sorted (by {@link String#compareTo}). A plain
   * string prefix: {@code "t0003/"} lists one trial's artifacts, {@code ""} lists all.
   */
  List<String> list(String prefix) throws IOException;

  /**
   * Writes artifact {@code key} only if there is none yet, and says whether this call created it.
   * Where the store can, the check and the write are one atomic step, so of two callers racing
   * for one key exactly one gets {@code true}; see {@link #createIfAbsentIsAtomic()}.
   */
  boolean createIfAbsent(String key, IoWriter writer) throws IOException;

  /**
   * Whether {@link #createIfAbsent} is atomic here. It is not on object stores without
   * put-if-absent (S3A 3.3): there two racing callers can both get {@code true}, and a caller
   * that needs exclusion must read the artifact back to see who won.
   */
  default boolean createIfAbsentIsAtomic() {
    return true;
  }

  /** Deletes artifact {@code key}; does nothing if it does not exist. */
  void delete(String key) throws IOException;

  /** Where artifact {@code key} lives, for people: e.g. an absolute path. Need not exist. */
  String describe(String key);
}
