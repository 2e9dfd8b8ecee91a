package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's accuracy claim, rerun every build through the real launcher: the example MLP reaches
 * at least 0.88 test accuracy on Fashion-MNIST within 20 epochs (the public MLP anchor is 0.883).
 * About a minute on 2 cores.
 */
class FashionMlpAnchorIT {
  @Test
  void exampleMlpReachesTheAnchor(@TempDir Path dir) throws Exception {
    Path root = ProjectRoot.get();
    ProcessBuilder builder = new ProcessBuilder(root.resolve("deploy/troupe").toString(), "train",
        root.resolve("conf/examples/fashion-mlp.yaml").toString(), "--out", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    Process process = builder.start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "training did not finish in 10 minutes");
    String log = Files.readString(dir.resolve("log.txt"));
    assertEquals(0, process.exitValue(), log);
    List<String> lines = Files.readAllLines(dir.resolve("fashion-mlp/trials.jsonl"));
    JsonNode trial = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals(20, trial.get("history").size());
    double testAccuracy = trial.get("metrics").get("test_accuracy").asDouble();
    assertTrue(testAccuracy >= 0.88, "test accuracy " + testAccuracy + " < 0.88\n" + log);
  }
}
