package io.troupe.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialJsonTest {
  private static TrialInfo info(double valLoss) {
    EpochStats e = new EpochStats(1, 0.5, 0.4, 0.9, valLoss, 0.8, 1e-3, 2.0,
        List.of(new LayerStats("0:dense", 1e-3, 0.1, 0.5, Double.NaN)), 1.5);
    return new TrialInfo("t7", Map.of("train.optimizer.lr", 0.01), 42, List.of(e), Map.of("val_loss", valLoss),
        new Diagnosis(Diagnosis.LearningRateVerdict.FINE, Diagnosis.FitVerdict.GOOD, List.of()),
        new Provenance("CpuBackend", "cpu", 1, "troupe x", "17", "host", "linux", "sha256:ab"), 3.0, Map.of());
  }

  @Test
  void aDivergedTrialWritesWhereItHappenedAndNullsForNonFiniteNumbers() throws IOException {
    TrialResult r = new TrialResult.Diverged(info(Double.NaN),
        new DivergencePoint(1, 12, Double.POSITIVE_INFINITY, 2.3, "loss is Infinity"));
    JsonNode j = new ObjectMapper().readTree(TrialJson.toLine(r));
    for (String key : List.of("trialId", "status", "params", "seed", "metrics", "history", "diagnosis", "provenance")) {
      assertTrue(j.has(key), key);
    }
    assertEquals("DIVERGED", j.get("status").asText());
    assertEquals(0.01, j.get("params").get("train.optimizer.lr").asDouble());
    assertTrue(j.get("metrics").get("val_loss").isNull());
    assertTrue(j.get("history").get(0).get("layers").get(0).get("saturated").isNull());
    assertEquals(12, j.get("divergence").get("iteration").asInt());
    assertTrue(j.get("divergence").get("loss").isNull());
  }

  @Test
  void aPrunedTrialWritesItsIdParamsEmptyMetricsAndWhyItWasStopped() throws IOException {
    TrialResult r = TrialResult.Pruned.of("t0003", Map.of("train.optimizer.lr", 0.01), 99, "not promoted");
    JsonNode j = new ObjectMapper().readTree(TrialJson.toLine(r));
    assertEquals("t0003", j.get("trialId").asText());
    assertEquals("PRUNED", j.get("status").asText());
    assertEquals(0.01, j.get("params").get("train.optimizer.lr").asDouble());
    assertTrue(j.get("metrics").isObject() && j.get("metrics").isEmpty(), j.toString());
    assertEquals("not promoted", j.get("reason").asText());
    assertEquals(99, j.get("seed").asLong());
    assertTrue(j.get("provenance").isNull(), "the search pruned it on the driver; no run to describe");
  }

  @Test
  void trialsFileAppendsOneLinePerResult(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x/trials.jsonl");
    for (String message : List.of("boom", "bang")) {
      TrialResult r = new TrialResult.Failed(info(0.3), "java.lang.IllegalStateException", message);
      TrialsFile.appendLine(file, TrialJson.toLine(r));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals("bang", new ObjectMapper().readTree(lines.get(1)).get("error").get("message").asText());
  }
}
