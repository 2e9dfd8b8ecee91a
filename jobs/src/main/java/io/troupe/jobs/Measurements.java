package io.troupe.jobs;

import io.troupe.jobs.bench.BenchJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark command's raw measurements, written as one flat JSON object for the benchmark suite
 * (deploy/bench/run.py) to pair with its peers' figures. Keys keep the order they were put in.
 */
final class Measurements {
  private final Map<String, Object> values = new LinkedHashMap<>();

  Measurements put(String key, Object value) {
    values.put(key, value);
    return this;
  }

  /** Writes the measurements to {@code file} when the command line asked for it ({@code --json}). */
  void writeIfAsked(CliArgs args) throws IOException {
    if (args.json() != null) {
      BenchJson.writeMeasurements(args.json(), values);
    }
  }
}
