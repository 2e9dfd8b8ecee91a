package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/bench/run.py's command line: bad arguments are refused before anything runs or is written. */
class BenchSuiteScriptTest {
  private static final Path SCRIPT = ProjectRoot.get().resolve("deploy/bench/run.py");

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "run.py did not finish");
    return new Result(process.exitValue(), out, err);
  }

  @Test
  void anUnknownFigureIsRefusedByName() throws Exception {
    Path out = tmp.resolve("out");
    Result r = run("--only", "throughput,speed", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--only") && r.err().contains("speed") && r.err().contains("throughput, cnn, scaling"), r.err());
    assertFalse(Files.exists(out), "nothing written for bad arguments");
  }

  @Test
  void epochsMustBePositive() throws Exception {
    Result r = run("--epochs", "0", "--out", tmp.resolve("out").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--epochs"), r.err());
  }

  @Test
  void cnnRowsMustBeAtLeastTwo() throws Exception {
    Path out = tmp.resolve("out");
    Result r = run("--only", "cnn", "--cnn-rows", "1", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--cnn-rows"), r.err());
    assertFalse(Files.exists(out), "nothing written for bad arguments");
  }

  @Test
  void helpListsEveryFigure() throws Exception {
    Result r = run("--help");
    assertEquals(0, r.code(), r.err());
    for (String figure : List.of("throughput", "cnn", "scaling", "dispatch", "compute", "memory", "mllib", "parallel")) {
      assertTrue(r.out().contains(figure), figure + " in:\n" + r.out());
    }
  }
}
