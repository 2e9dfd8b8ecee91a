package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.search.bench.SearchMethod;
import io.troupe.search.bench.TestFunction;
import io.troupe.search.bench.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-search beside a small Optuna results file, its bad input, and the Python peer's functions. */
class BenchSearchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** An optuna_search.py-shaped file with 2 seeds whose regrets are all {@code regret}. */
  private Path optunaFile(double regret, List<Integer> budgets) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("optuna_version", "3.1.0");
    root.put("seeds", 2);
    ArrayNode b = root.putArray("budgets");
    budgets.forEach(b::add);
    ObjectNode functions = root.putObject("functions");
    for (TestFunction f : TestFunctions.all()) {
      ObjectNode samplers = functions.putObject(f.name());
      for (SearchMethod m : SearchMethod.values()) {
        ObjectNode perBudget = samplers.putObject(m.label());
        budgets.forEach(budget -> perBudget.putArray(budget.toString()).add(regret).add(regret));
      }
    }
    Path file = dir.resolve("optuna.json");
    Files.writeString(file, JSON.writeValueAsString(root));
    return file;
  }

  @Test
  void printsEveryFunctionAndSearchBesideOptunaWithRatiosAndWritesTheFigures() throws Exception {
    Path json = dir.resolve("out/bench-search.json");
    CliRun r = CliRun.of("bench-search", optunaFile(1e9, List.of(50, 100)).toString(), "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("over seeds 0..1") && r.out().contains("Optuna 3.1.0"), r.out());
    for (TestFunction f : TestFunctions.all()) {
      for (SearchMethod m : SearchMethod.values()) {
        for (int budget : List.of(50, 100)) {
          assertTrue(r.out().lines().anyMatch(l -> l.matches(
              "\\Q" + f.name() + "\\E +" + budget + " +" + m.label() + " .*\\[.*\\] +1\\.00e\\+09 \\[.*\\] +0\\.\\d\\d \\[0\\.\\d\\d, 0\\.\\d\\d\\]")),
              f.name() + " " + m.label() + " " + budget + " in\n" + r.out());
        }
      }
    }
    // Against an Optuna that never got near the minimum, every TPE ratio meets the target.
    assertEquals(8, r.out().lines().filter(l -> l.matches(".* \\d\\.\\d\\d \\[.*\\]  met")).count(), r.out());
    JsonNode figures = JSON.readTree(json.toFile());
    assertEquals(TestFunctions.all().size() * SearchMethod.values().length * 2 * 2, figures.size());
    JsonNode first = figures.get(0);
    assertEquals("branin random median regret, 50 trials", first.path("name").asText());
    assertEquals("Optuna 3.1.0 RandomSampler", first.path("peer").asText());
    assertEquals(1e9, first.path("peer_value").asDouble());
    assertTrue(first.path("ratio").asDouble() < 1e-6, first.toString());
  }

  @Test
  void aWorseOptunaRatioIsReportedAsNotMetWithTheNumbers() throws Exception {
    CliRun r = CliRun.of("bench-search", optunaFile(0, List.of(50, 100)).toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(8, r.out().lines().filter(l -> l.contains("NOT met: Troupe's median regret")).count(), r.out());
  }

  @Test
  void badInputIsRefused() throws Exception {
    CliRun two = CliRun.of("bench-search", "a.json", "b.json");
    assertEquals(2, two.code());
    assertTrue(two.err().contains("at most one Optuna results file"), two.err());
    CliRun missing = CliRun.of("bench-search", dir.resolve("none.json").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("optuna_search.py"), missing.err());
    CliRun budgets = CliRun.of("bench-search", optunaFile(1, List.of(50)).toString());
    assertEquals(2, budgets.code());
    assertTrue(budgets.err().contains("no results at 100 trials"), budgets.err());
    Files.writeString(dir.resolve("other.json"), "{\"figures\": []}");
    CliRun other = CliRun.of("bench-search", dir.resolve("other.json").toString());
    assertEquals(2, other.code());
    assertTrue(other.err().contains("not deploy/bench/optuna_search.py's output"), other.err());
  }

  /** The Python peer optimises the same functions: its values at its fixed points are Java's. */
  @Test
  void thePythonScriptsFunctionsAreTroupes() throws Exception {
    Process p = new ProcessBuilder("python3", ProjectRoot.get().resolve("deploy/bench/optuna_search.py").toString(),
        "--values").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    JsonNode values = JSON.readTree(out);
    List<String> checked = new ArrayList<>();
    for (TestFunction f : TestFunctions.all()) {
      for (JsonNode check : values.path(f.name())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> point = JSON.convertValue(check.path("point"), Map.class);
        double expected = check.path("value").asDouble();
        assertEquals(expected, f.at(point), 1e-12 * Math.max(1, Math.abs(expected)), f.name() + " at " + point);
        checked.add(f.name());
      }
    }
    assertEquals(10, checked.size(), "points checked: " + checked);
  }
}
