package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.search.bench.Quartiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-dispatch: when warm-up stops, and one real run on tiny synthetic data and local[2]. */
class BenchDispatchCommandTest {
  @TempDir Path dir;

  @Test
  void warmUpGoesOnWhileRoundsStillGetFasterThanFivePercent() {
    assertFalse(BenchDispatchCommand.settled(List.of()));
    assertFalse(BenchDispatchCommand.settled(List.of(9.0)), "one round has nothing to compare with");
    assertFalse(BenchDispatchCommand.settled(List.of(9.0, 8.0)), "11% faster: the JIT is still at work");
    assertTrue(BenchDispatchCommand.settled(List.of(9.0, 8.0, 7.7)), "3.75% faster: settled");
    assertTrue(BenchDispatchCommand.settled(List.of(9.0, 9.3)), "slower: noise, not JIT");
    assertTrue(BenchDispatchCommand.settled(List.of(10.0, 9.0, 8.0, 7.0, 6.0)), "at most five rounds");
  }

  @Test
  void theSpeedUpIsTheMedianOfThePairs() {
    double[] ratios = io.troupe.jobs.bench.Ratios.of(new double[] {10, 12, 9, 30, 10}, new double[] {5, 6, 5, 6, 4});
    assertEquals(List.of(2.0, 2.0, 1.8, 5.0, 2.5), java.util.Arrays.stream(ratios).boxed().toList());
    assertEquals(2.0, Quartiles.of(ratios).median(), "one disturbed pair (5.0) does not move it");
    assertEquals(1.5, Quartiles.of(new double[] {2, 1}).median());
  }

  /** A config whose trials train in a blink, for benchmark commands run at a small scale. */
  static Path tinyConfig(Path dir) throws java.io.IOException {
    return Files.writeString(dir.resolve("tiny.yaml"), """
        name: tiny
        seed: 5
        data: {source: synthetic, synthetic: {trainSize: 200, testSize: 40, features: 5, classes: 3}}
        model: {hidden: [8], activation: tanh}
        train: {epochs: 1, batchSize: 50, optimizer: {lr: 0.05}}
        """);
  }

  @Test
  void measuresBothArmsAndDispatchAndWritesTheFigures() throws Exception {
    Path config = tinyConfig(dir);
    Path json = dir.resolve("figures.json");
    CliRun r = CliRun.of("bench-dispatch", config.toString(), "--master", "local[2]", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("8 equal trials, 5 pairs: 1 slot"), r.out());
    assertTrue(r.out().contains("dispatch overhead per no-op trial"), r.out());

    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    assertEquals("local[2]", figures.get("master").asText());
    assertEquals(BenchDispatchCommand.EQUAL_TRIALS, figures.get("equal_trials").asInt());
    JsonNode warmUp = figures.get("warm_up_seconds");
    assertTrue(warmUp.size() >= 2 && warmUp.size() <= BenchDispatchCommand.MAX_WARM_UP_ROUNDS, warmUp.toString());
    assertTrue(r.out().contains("warm-up: " + warmUp.size() + " round(s) on 2 slots"), r.out());
    for (String arm : List.of("one_slot_seconds", "two_slot_seconds", "pair_speedups")) {
      assertEquals(BenchDispatchCommand.PAIRS, figures.get(arm).size(), arm);
      figures.get(arm).forEach(s -> assertTrue(s.asDouble() > 0, arm + " " + s));
    }
    double[] ratios = new double[BenchDispatchCommand.PAIRS];
    for (int p = 0; p < ratios.length; p++) {
      ratios[p] = figures.get("one_slot_seconds").get(p).asDouble() / figures.get("two_slot_seconds").get(p).asDouble();
      assertEquals(ratios[p], figures.get("pair_speedups").get(p).asDouble(), 1e-9);
    }
    assertEquals(Quartiles.of(ratios).median(), figures.get("speedup").asDouble(), 1e-9);
    double[] noOps = new double[BenchDispatchCommand.PAIRS];
    for (int run = 0; run < noOps.length; run++) {
      noOps[run] = figures.get("noop_ms_one_slot_runs").get(run).asDouble();
      assertTrue(noOps[run] > 0, "run " + run);
    }
    assertEquals(BenchDispatchCommand.PAIRS, figures.get("noop_ms_two_slots_runs").size());
    assertEquals(Quartiles.of(noOps).median(), figures.get("noop_ms_one_slot").asDouble(), 1e-9, "the median of the runs");
  }
}
