package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.search.bench.Quartiles;
import io.troupe.trial.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-driver: the clock between trial ends, and the whole command at a small scale on local[2]. */
class BenchDriverCommandTest {
  @TempDir Path dir;

  @Test
  void timesTrialsBetweenTheirEndsAndPassesEachEndOn() {
    Iterator<Long> ticks = List.of(1_000_000_000L, 1_010_000_000L, 1_030_000_000L, 1_060_000_000L).iterator();
    List<TrialResult> passedOn = new ArrayList<>();
    TrialEndClock clock = new TrialEndClock(passedOn::add, ticks::next);
    assertThrows(IllegalStateException.class, clock::msPerTrial, "no trial ended yet");
    for (int i = 0; i < 4; i++) {
      clock.finished(null);
    }
    assertEquals(4, passedOn.size(), "the live report is still told of every end");
    assertEquals(4, clock.trials());
    assertEquals(20.0, clock.msPerTrial(), 1e-9, "60 ms over 3 gaps");
    assertEquals(25.0, clock.msPerTrialOfLast(2), 1e-9, "the last 2 gaps: 20 and 30 ms");
    assertEquals(20.0, clock.msPerTrialOfLast(100), 1e-9, "fewer ends than the window: all of them");
  }

  @Test
  void runsWholeSweepsOfNoOpTrialsAndWritesTheFigures() throws Exception {
    Path config = BenchDispatchCommandTest.tinyConfig(dir);
    Path json = dir.resolve("figures.json");
    BenchDriverCommand small = new BenchDriverCommand(new BenchDriverCommand.Scale(new int[] {3, 12, 30}, 12, 2, 2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new TroupeMain().with(small).run(new String[] {"bench-driver", config.toString(), "--master",
        "local[2]", "--out", dir.resolve("out").toString(), "--json", json.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.contains("per trial at 30 against 12: "), printed);

    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(2, figures.get("repeats").asInt());
    double[] growth = new double[2];
    for (int r = 0; r < 2; r++) {
      for (int size : new int[] {3, 12, 30}) {
        assertTrue(figures.get("ms_per_trial_" + size).get(r).asDouble() > 0, size + " trials, repeat " + r);
        assertTrue(figures.get("start_seconds_" + size).get(r).asDouble() > 0);
        assertTrue(figures.get("end_seconds_" + size).get(r).asDouble() > 0, "the outputs take time: Parquet, report");
      }
      growth[r] = figures.get("ms_per_trial_30").get(r).asDouble() / figures.get("ms_per_trial_12").get(r).asDouble();
      assertEquals(growth[r], figures.get("growth_per_repeat").get(r).asDouble(), 1e-9);
    }
    assertEquals(Quartiles.of(growth).median(), figures.get("growth").asDouble(), 1e-9);
    try (Stream<Path> left = Files.list(dir.resolve("out"))) {
      assertEquals(List.of(), left.toList(), "the no-op runs are deleted after");
    }
  }
}
