package io.troupe.data;

import io.troupe.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by every reader before it opens a data file. */
final class DataFiles {
  private DataFiles() {}

  /** Throws unless {@code file} is an existing, readable, non-empty regular file. */
  static void requireNonEmptyFile(Path file, String expected) {
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": file not found; expected " + expected);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": not a regular file; expected " + expected);
    }
    if (!Files.isReadable(file)) {
      throw new InvalidInputException(file + ": not readable (check its permissions)");
    }
    if (size(file) == 0) {
      throw new InvalidInputException(file + ": empty file (0 bytes); expected " + expected);
    }
  }

  /** What a text reader does with each line; line numbers are 1-based, as in messages. */
  interface LineHandler {
    void accept(String line, int lineNo);
  }

  /** Feeds every line of a UTF-8 text file to {@code handler}; read failures name the file. */
  static void forEachLine(Path file, LineHandler handler) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        handler.accept(line, ++lineNo);
      }
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file + ": not UTF-8 text (" + e + ")", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read its size: " + e.getMessage(), e);
    }
  }
}
