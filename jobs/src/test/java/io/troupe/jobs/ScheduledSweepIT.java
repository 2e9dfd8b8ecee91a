package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/scheduled-sweep as a timer or cron would run it, against the packaged jar
 * (TROUPE_NO_BUILD=1): the lock keeps a second run from starting, the run is named by the date,
 * and running it again the same day trains nothing new.
 */
class ScheduledSweepIT {
  private static final Path CONFIG = ProjectRoot.get().resolve("conf/examples/synthetic-blobs.yaml");
  // A few seconds of training: 3 trials of 2 epochs on 1000 rows.
  private static final List<String> SMALL = List.of("--", "--set", "search.trials=3", "--set", "train.epochs=2",
      "--set", "data.synthetic.trainSize=1000", "--set", "data.synthetic.testSize=200");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result scheduledSweep(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/scheduled-sweep").toString()));
    command.addAll(args);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    builder.environment().remove("TZ");
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "scheduled-sweep did not finish in 120 s");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The run directories under OUT (hidden lock files aside). */
  private static List<String> runs(Path out) throws IOException {
    try (var files = Files.list(out)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void aRunHoldingTheLockKeepsASecondFromStarting() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path lock = out.resolve(".synthetic-blobs.lock");  // the default: <out>/.<config name>.lock
    Files.writeString(lock, "pid 4242, run synthetic-blobs-2026-01-01, started earlier\n");
    // flock(1) holds the lock itself (-o: not its child) until it is killed, as a running sweep would.
    Process holder = new ProcessBuilder("flock", "-o", lock.toString(), "sh", "-c", "echo held; exec sleep 120")
        .redirectErrorStream(true).start();
    try {
      BufferedReader holderOut = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("held", holderOut.readLine());
      long start = System.nanoTime();
      Result r = scheduledSweep(List.of(CONFIG.toString(), "--out", out.toString()));
      assertEquals(75, r.code(), r.err());
      assertTrue(r.err().contains("another run holds " + lock + " (pid 4242, run synthetic-blobs-2026-01-01, started earlier)"),
          r.err());
      assertTrue(r.err().matches("(?s).*not starting synthetic-blobs-\\d{4}-\\d{2}-\\d{2}\n"), r.err());
      assertEquals(List.of(), runs(out), "no sweep started");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "it gave up at once, without starting a JVM");
      assertTrue(Files.readString(lock).contains("pid 4242"), "the holder's note is left alone");
    } finally {
      holder.descendants().forEach(ProcessHandle::destroy);
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theRunIsNamedByTheDateAndASecondRunThatDayTrainsNothing() throws Exception {
    Path out = dir.resolve("out");
    List<String> args = new ArrayList<>(List.of(CONFIG.toString(), "--out", out.toString()));
    args.addAll(SMALL);

    LocalDate before = LocalDate.now();
    Result first = scheduledSweep(args);
    LocalDate after = LocalDate.now();
    assertEquals(0, first.code(), first.err());
    List<String> runs = runs(out);
    assertEquals(1, runs.size(), runs.toString());
    String name = runs.get(0);
    assertTrue(name.equals("synthetic-blobs-" + before) || name.equals("synthetic-blobs-" + after), name);
    assertTrue(first.err().contains("sweep: 3 trials, 0 already ended, 3 to run"), first.err());
    Path trials = out.resolve(name).resolve("trials.jsonl");
    List<String> lines = Files.readAllLines(trials);
    assertEquals(3, lines.size());
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      assertTrue(ids.add(json.readTree(line).path("trialId").asText()), "each trial once: " + lines);
    }

    // Again the same day (a retry, or the timer catching up): it resumes that run, which is done.
    Result second = scheduledSweep(args);
    assertEquals(0, second.code(), second.err());
    assertEquals(runs, runs(out));
    assertTrue(second.err().contains("sweep: 3 trials, 3 already ended, 0 to run"), second.err());
    assertEquals(lines, Files.readAllLines(trials), "trials.jsonl unchanged: nothing was trained again");
    assertTrue(second.out().contains("results: " + trials), second.out());
    assertFalse(second.err().contains("another run holds"), "the first run released the lock when it ended");
  }
}
