package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, run for real on Fashion-MNIST through the launcher, and issue 5's
 * acceptance on it: the ensembles beat the baseline, the snapshot parameter average is at least
 * as good as the baseline at 1x compute, and parameter-averaging independently initialised
 * members (the negative control) is clearly worse. Then the same comparison scored distributed
 * over executors gives the identical table on the 10000-example test set.
 */
class QuickstartCompareIT {
  @TempDir Path dir;

  private String compare(String... extra) throws Exception {
    Path root = ProjectRoot.get();
    List<String> command = new ArrayList<>(List.of(root.resolve("deploy/troupe").toString(), "compare",
        root.resolve("conf/quickstart.yaml").toString(), "--out", dir.toString()));
    command.addAll(List.of(extra));
    Path log = dir.resolve("log-" + extra.length + ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    Process process = builder.start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "compare did not finish in 10 minutes");
    String output = Files.readString(log);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  /** accuracy by "strategy/combiner", from comparison.csv. */
  private Map<String, Double> accuracies() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("quickstart/ensembles/comparison.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int accuracy = header.indexOf("accuracy");
    Map<String, Double> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      out.put(cells[0] + "/" + cells[1], Double.parseDouble(cells[accuracy]));
    }
    return out;
  }

  @Test
  void ensemblesBeatTheBaselineAndTheNegativeControlDoesNot() throws Exception {
    String output = compare();
    assertTrue(output.contains("test-set comparison (10000 examples)"), output);
    Map<String, Double> a = accuracies();
    double baseline = a.get("single/-");
    assertTrue(baseline > 0.8, "baseline " + baseline);
    assertTrue(a.get("true/average") > baseline, a.toString());
    assertTrue(a.get("true/vote") > baseline, a.toString());
    assertTrue(a.get("snapshots/parameter-average") >= baseline, a.toString());
    assertTrue(a.get("independent-average/parameter-average") < baseline - 0.2, a.toString());

    String driverScored = Files.readString(dir.resolve("quickstart/ensembles/comparison.csv"));
    String resumed = compare("--resume", "--set", "ensemble.distributedScoringAbove=1");
    assertTrue(resumed.contains("0 to run"), resumed);
    assertEquals(driverScored, Files.readString(dir.resolve("quickstart/ensembles/comparison.csv")),
        "scored distributed, the table is identical");
  }
}
