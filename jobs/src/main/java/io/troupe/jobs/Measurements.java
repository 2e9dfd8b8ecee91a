package io.troupe.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark command's raw measurements, written as one flat JSON object for the benchmark suite
 * (deploy/bench/run) to pair with its peers' figures. Keys keep the order they were put in.
 */
final class Measurements {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Object> values = new LinkedHashMap<>();

  Measurements put(String key, Object value) {
    values.put(key, value instanceof Double d && !Double.isFinite(d) ? null : value);
    return this;
  }

  /** Writes the measurements to {@code file} when the command line asked for it ({@code --json}). */
  void writeIfAsked(CliArgs args) throws IOException {
    if (args.json() == null) {
      return;
    }
    Path parent = args.json().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(args.json(), JSON.writeValueAsString(values) + "\n");
  }
}
