package io.troupe.jobs;

import io.troupe.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data as a CSV file a spark source reads: columns x0..x{d-1}, then the class label y. */
final class CsvFiles {
  private CsvFiles() {}

  /** Writes {@code data} to {@code file} with a header line; returns the file's path. */
  static String write(Path file, Dataset data) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < data.numFeatures(); j++) {
      text.append('x').append(j).append(',');
    }
    text.append("y\n");
    for (int r = 0; r < data.size(); r++) {
      for (int j = 0; j < data.numFeatures(); j++) {
        text.append(data.rawFeature(r, j)).append(',');
      }
      text.append(data.label(r)).append('\n');
    }
    return Files.writeString(file, text).toString();
  }
}
