package io.troupe.trial;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends results to {@code trials.jsonl}, one JSON object per line, flushed and synced to disk
 * as each trial ends, so a crash loses at most the trial in flight.
 */
public final class TrialsFile {
  public static final String NAME = "trials.jsonl";

  private TrialsFile() {}

  public static void append(Path file, TrialResult result) throws IOException {
    appendLine(file, TrialJson.toLine(result));
  }

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
