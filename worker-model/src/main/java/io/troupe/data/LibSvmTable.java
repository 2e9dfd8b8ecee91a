package io.troupe.data;

import io.troupe.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed LibSVM file ("label idx:val idx:val ...", 1-based strictly increasing indices,
 * '#' starts a comment), held sparse until the feature count of both files is known.
 */
final class LibSvmTable {
  private final Path file;
  private final int limit; // largest allowed index, or <= 0 for no limit
  private final List<String> labels = new ArrayList<>();
  private final IntList lines = new IntList();
  private final IntList rowStart = new IntList();
  private final IntList indices = new IntList();
  private final FloatList values = new FloatList();
  private int maxIndex;

  private LibSvmTable(Path file, int limit) {
    this.file = file;
    this.limit = limit;
  }

  static LibSvmTable parse(Path file, int limit) {
    DataFiles.requireNonEmptyFile(file, "a LibSVM file (label index:value ...)");
    LibSvmTable table = new LibSvmTable(file, limit);
    table.readAll();
    return table;
  }

  private void readAll() {
    DataFiles.forEachLine(file, this::parseLine);
    if (labels.isEmpty()) {
      throw new InvalidInputException(file + ": no examples (only blank or comment lines)");
    }
  }

  private void parseLine(String line, int lineNo) {
    int hash = line.indexOf('#');
    String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
    if (content.isEmpty()) {
      return;
    }
    String[] tokens = content.split("\\s+");
    if (tokens[0].indexOf(':') >= 0) {
      fail(lineNo, "the first token \"" + tokens[0] + "\" is an index:value pair, expected the"
          + " label");
    }
    labels.add(tokens[0]);
    lines.add(lineNo);
    rowStart.add(indices.size());
    int previous = 0;
    for (int t = 1; t < tokens.length; t++) {
      previous = parsePair(tokens[t], previous, lineNo);
    }
  }

  /** Parses "idx:val", records it and returns idx. */
  private int parsePair(String token, int previous, int lineNo) {
    int colon = token.indexOf(':');
    String idxText = colon < 0 ? "" : token.substring(0, colon);
    String valText = colon < 0 ? "" : token.substring(colon + 1);
    if (!idxText.matches("[+-]?\\d{1,9}")) {
      fail(lineNo, "bad token \"" + token + "\": expected index:value with an integer index");
    }
    int idx = Integer.parseInt(idxText);
    checkIndex(idx, previous, token, lineNo);
    float v = NumberText.parse(valText);
    if (Float.isNaN(v)) {
      fail(lineNo, "bad token \"" + token + "\": value " + NumberText.whyNot(valText));
    }
    indices.add(idx);
    values.add(v);
    maxIndex = Math.max(maxIndex, idx);
    return idx;
  }

  private void checkIndex(int idx, int previous, String token, int lineNo) {
    if (idx <= 0) {
      fail(lineNo, "index " + idx + " in \"" + token + "\": indices are 1-based, expected >= 1");
    }
    if (idx <= previous) {
      fail(lineNo, "index " + idx + " in \"" + token + "\" after index " + previous
          + ": indices must be strictly increasing");
    }
    if (limit > 0 && idx > limit) {
      fail(lineNo, "index " + idx + " in \"" + token + "\" exceeds the number of features, "
          + limit);
    }
  }

  /** Dense row-major features with {@code numFeatures} columns; absent entries are 0. */
  float[] dense(int numFeatures) {
    long cells = (long) rows() * numFeatures;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(file + ": " + rows() + " examples x " + numFeatures
          + " features = " + cells + " values, too many for a dense in-memory dataset");
    }
    float[] out = new float[(int) cells];
    for (int r = 0; r < rows(); r++) {
      int end = r + 1 < rows() ? rowStart.get(r + 1) : indices.size();
      for (int k = rowStart.get(r); k < end; k++) {
        out[r * numFeatures + indices.get(k) - 1] = values.get(k);
      }
    }
    return out;
  }

  Path file() {
    return file;
  }

  int rows() {
    return labels.size();
  }

  int maxIndex() {
    return maxIndex;
  }

  List<String> labels() {
    return labels;
  }

  int line(int row) {
    return lines.get(row);
  }

  private void fail(int lineNo, String problem) {
    throw new InvalidInputException(file + ": line " + lineNo + ": " + problem);
  }
}
