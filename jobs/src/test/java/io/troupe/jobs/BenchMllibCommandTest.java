package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.jobs.mllib.MllibFigures;
import io.troupe.jobs.mllib.MllibGridRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-mllib end to end on tiny synthetic data and local[2], and its bad-input exits. */
class BenchMllibCommandTest {
  @TempDir Path dir;

  private static final String DATA = """
      seed: 3
      data: {source: synthetic, synthetic: {trainSize: 300, testSize: 60, features: 6, classes: 3}}
      model: {hidden: [8], activation: tanh}
      train: {epochs: 1, batchSize: 32, optimizer: {lr: 0.02}}
      """;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path config(String name, String text) throws IOException {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\n" + text);
    return file;
  }

  @Test
  void bothSidesScoreEveryGridPointAndTheFiguresAreWritten() throws IOException {
    Path config = config("tiny", DATA + """
        search:
          strategy: grid
          space:
            model.hidden: {choice: [[8], [4]]}
            train.epochs: {choice: [1]}
        """);
    Path out = dir.resolve("out");
    CliRun r = run("bench-mllib", config.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("full-batch L-BFGS (solver l-bfgs)"), r.out());
    assertTrue(r.out().contains("maxIter = 10 x train.epochs"), r.out());

    JsonNode figures = new ObjectMapper().readTree(Files.readString(out.resolve("bench-mllib.json")));
    List<String> names = new ArrayList<>();
    figures.forEach(f -> names.add(f.get("name").asText()));
    assertEquals(List.of(MllibFigures.WALL_TIME, MllibFigures.BEST_VALIDATION, MllibFigures.BEST_TEST,
        MllibFigures.POINTS), names);
    for (JsonNode f : figures) {
      assertEquals(MllibGridRunner.PEER, f.get("peer").asText());
      for (String key : List.of("value", "peer_value", "ratio")) {
        double v = f.get(key).asDouble(Double.NaN);
        assertTrue(f.get(key).isNumber() && Double.isFinite(v) && v > 0, f.get("name") + " " + key + " = " + f.get(key));
      }
    }
    // Both grid points scored on each side, and each side's log shows both.
    JsonNode points = figures.get(3);
    assertEquals(2.0, points.get("value").asDouble());
    assertEquals(2.0, points.get("peer_value").asDouble());
    assertEquals(2, Files.readAllLines(out.resolve("bench-mllib/tiny/trials.jsonl")).size());
    assertEquals(2, r.err().lines().filter(l -> l.startsWith("mllib: t000")).count(), r.err());
    for (int i = 1; i <= 2; i++) {
      assertTrue(r.out().contains("t000" + i + "    | "), r.out());
    }
    // A second run into the same directory refuses rather than mixing results.
    CliRun again = run("bench-mllib", config.toString(), "--out", out.toString(), "--master", "local[2]");
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("results of an earlier run are here"), again.err());
  }

  @Test
  void badInputExitsTwoNamingTheFieldBeforeSparkStarts() throws IOException {
    CliRun missing = run("bench-mllib", dir.resolve("missing.yaml").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("missing.yaml: config file not found"), missing.err());

    CliRun noGrid = run("bench-mllib", config("single", DATA).toString());
    assertEquals(2, noGrid.code());
    assertTrue(noGrid.err().contains("search.strategy: bench-mllib runs one grid on both sides and needs grid"),
        noGrid.err());

    CliRun otherPath = run("bench-mllib", config("lr", DATA
        + "search: {strategy: grid, space: {train.optimizer.lr: {choice: [0.01, 0.1]}}}\n").toString());
    assertEquals(2, otherPath.code());
    assertTrue(otherPath.err().contains("search.space.train.optimizer.lr: bench-mllib can map only model.hidden"),
        otherPath.err());

    CliRun noValidation = run("bench-mllib", config("noval", DATA.replace("data: {", "data: {validation: 0, ")
        + "search: {strategy: grid, space: {train.epochs: {choice: [1]}}}\n").toString());
    assertEquals(2, noValidation.code());
    assertTrue(noValidation.err().contains("data.validation: both sides pick their best point"), noValidation.err());
  }
}
