package io.troupe.artifacts;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one artifact's bytes to a stream the {@link ArtifactStore} owns. The writer must not
 * close {@code out} (stores ignore it if it does); the store flushes, syncs and closes it.
 */
@FunctionalInterface
public interface IoWriter {
  void write(OutputStream out) throws IOException;
}
