package io.troupe.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes benchmark figures as a JSON list of {@code {name, value, unit, peer, peer_value, ratio}}
 * objects, in the given order. A value that is not finite is written as null (JSON has no NaN).
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
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(figures));
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
