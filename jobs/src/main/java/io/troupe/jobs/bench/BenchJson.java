package io.troupe.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes benchmark files: figures as a JSON list of {@code {name, value, unit, peer, peer_value,
 * ratio}} objects, in the given order, and a command's raw measurements as one flat object. A value
 * that is not finite is written as null (JSON has no NaN).
 */
public final class BenchJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchJson() {}

  public static String toJson(List<BenchFigure> figures) {
    ArrayNode list = JSON.createArrayNode();
    for (BenchFigure f : figures) {
      ObjectNode o = list.addObject();
      o.put("name", f.name());
      number(o, "value", f.value());
      o.put("unit", f.unit());
      o.put("peer", f.peer());
      number(o, "peer_value", f.peerValue());
      number(o, "ratio", f.ratio());
    }
    try {
      return JSON.writeValueAsString(list) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write figures as JSON", e);
    }
  }

  /** Writes the figures to {@code file}, creating its directory. */
  public static void write(Path file, List<BenchFigure> figures) throws IOException {
    writeFile(file, toJson(figures));
  }

  /** Writes named measurements as one flat object, in the map's order, creating the file's directory. */
  public static void writeMeasurements(Path file, Map<String, Object> values) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    values.forEach((key, value) -> {
      if (value instanceof Double d) {
        number(o, key, d);
      } else {
        o.set(key, JSON.valueToTree(value));
      }
    });
    writeFile(file, JSON.writeValueAsString(o) + "\n");
  }

  private static void writeFile(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
