package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint in `troupe` mode (docker run IMAGE troupe ...), pointed at this build's
 * application jar and Spark classpath instead of the image's /opt/troupe and /opt/spark/jars: the
 * Java 17 flags it takes from deploy/common.sh and its class path must start Troupe.
 */
class ContainerEntrypointIT {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result entrypoint(String... args) throws Exception {
    Path appJar = ApplicationJarIT.appJar();
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/k8s/entrypoint.sh").toString(), "troupe"));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("TROUPE_JAR", appJar.toString());
    builder.environment().put("TROUPE_SPARK_CLASSPATH", Files.readString(appJar.resolveSibling("spark-classpath.txt")).strip());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the entrypoint did not finish in 60 s");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void troupeModeRunsTroupeWithItsExitCodes() throws Exception {
    Path config = ProjectRoot.get().resolve("conf/examples/synthetic-blobs.yaml");
    Result valid = entrypoint("validate", config.toString());
    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains(config + ": valid"), valid.out());
    assertEquals("", valid.err().strip(), "quiet, as deploy/troupe is");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "data: {source: synthetic}\ntrain: {optimizer: {lr: -1}}\n");
    Result invalid = entrypoint("validate", bad.toString());
    assertEquals(2, invalid.code(), invalid.out());
    assertTrue(invalid.err().contains("train.optimizer.lr: must be > 0, got -1"), invalid.err());
  }
}
