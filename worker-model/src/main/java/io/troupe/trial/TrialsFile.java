package io.troupe.trial;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code trials.jsonl}: a run's trial records, one JSON object per line. The run's records are
 * its truth; on a local disk the store also appends each one here, synced, as its trial ends.
 */
public final class TrialsFile {
  public static final String NAME = "trials.jsonl";

  private TrialsFile() {}

  /** Appends one JSON object (no newline in it) as a line, synced to disk. */
  public static void appendLine(Path file, String json) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      out.write(java.nio.ByteBuffer.wrap(line));
      out.force(false);
    }
  }
}
