package io.troupe.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figure file other benchmarks share: a list of {name, value, unit, peer, peer_value, ratio}. */
class BenchJsonTest {
  @TempDir Path dir;

  @Test
  void writesEachFigureWithItsSixKeysInOrder() throws IOException {
    Path file = dir.resolve("sub/figures.json");
    BenchJson.write(file, List.of(
        BenchFigure.against("grid wall time", 30.0, "s", "peer A", 120.0),
        BenchFigure.against("best test accuracy", 0.88, "fraction", "peer A", 0.80)));
    JsonNode list = new ObjectMapper().readTree(Files.readString(file));
    assertEquals(2, list.size());
    JsonNode time = list.get(0);
    List<String> keys = new ArrayList<>();
    time.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("name", "value", "unit", "peer", "peer_value", "ratio"), keys);
    assertEquals("grid wall time", time.get("name").asText());
    assertEquals(30.0, time.get("value").asDouble());
    assertEquals("s", time.get("unit").asText());
    assertEquals("peer A", time.get("peer").asText());
    assertEquals(120.0, time.get("peer_value").asDouble());
    assertEquals(0.25, time.get("ratio").asDouble(), 1e-12);
    assertEquals(1.1, list.get(1).get("ratio").asDouble(), 1e-12);
  }

  @Test
  void aValueThatIsNotFiniteIsWrittenAsNull() throws IOException {
    // A side that scored nothing has no accuracy; a zero peer value has no ratio.
    String json = BenchJson.toJson(List.of(BenchFigure.against("best test accuracy", Double.NaN, "fraction", "p", 0.8),
        BenchFigure.against("points", 3, "points", "p", 0)));
    JsonNode list = new ObjectMapper().readTree(json);
    assertTrue(list.get(0).get("value").isNull(), json);
    assertTrue(list.get(0).get("ratio").isNull(), json);
    assertEquals(0.8, list.get(0).get("peer_value").asDouble());
    assertTrue(list.get(1).get("ratio").isNull(), json);
    assertEquals(0.0, list.get(1).get("peer_value").asDouble());
  }

  @Test
  void measurementsAreOneFlatObjectInTheirOrder() throws IOException {
    Path file = dir.resolve("raw/measurements.json");
    java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("speedup", 1.75);
    values.put("one_slot_seconds", new double[] {15.5, 16.0});
    values.put("config", "fashion-mlp");
    values.put("overhead", Double.NaN);
    BenchJson.writeMeasurements(file, values);
    JsonNode o = new ObjectMapper().readTree(Files.readString(file));
    List<String> keys = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("speedup", "one_slot_seconds", "config", "overhead"), keys);
    assertEquals(1.75, o.get("speedup").asDouble());
    assertEquals(16.0, o.get("one_slot_seconds").get(1).asDouble());
    assertEquals("fashion-mlp", o.get("config").asText());
    assertTrue(o.get("overhead").isNull(), o.toString());
  }
}
