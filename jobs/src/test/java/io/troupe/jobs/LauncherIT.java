package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs deploy/troupe as a user would, against the application jar this build just packaged
 * (TROUPE_NO_BUILD=1, so the test checks the jar, not a rebuild): Java 17 flags, the Spark
 * classpath and exit codes all have to be right for these to pass.
 */
class LauncherIT {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result launch(String... args) throws IOException, InterruptedException {
    return launch(Map.of(), args);
  }

  private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProjectRoot.get().resolve("deploy/troupe").toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "launcher did not finish in 120 s");
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * spark-submit as a cluster would run it: Spark's own jars (the provided scope) on the class
   * path, the shaded application jar submitted, our main class named.
   */
  private Result sparkSubmit(String master, String... args) throws Exception {
    Path appJar = ApplicationJarIT.appJar();
    String sparkClasspath = Files.readString(appJar.resolveSibling("spark-classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(io.troupe.driver.spark.JavaModuleOpens.flags());
    command.addAll(List.of("-cp", sparkClasspath, "org.apache.spark.deploy.SparkSubmit", "--master", master,
        "--class", "io.troupe.jobs.TroupeMain", appJar.toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("spark-submit.txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "spark-submit did not finish in 180 s");
    return new Result(process.exitValue(), Files.readString(log), "");
  }

  @Test
  void validatesTheExampleConfigsOnRealData() throws Exception {
    Path conf = ProjectRoot.get().resolve("conf");
    Result r = launch("validate", conf.resolve("quickstart.yaml").toString(),
        conf.resolve("examples/synthetic-blobs.yaml").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("fashion-mnist: train 10000, validation 2000, test 10000"), r.out());
    assertTrue(r.out().contains("2 of 2 configs valid"), r.out());
  }

  @Test
  void badInputExitsTwoThroughTheLauncher() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "data: {source: synthetic}\ntrain: {optimizer: {lr: -1}}\n");
    Result r = launch("validate", config.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("train.optimizer.lr: must be > 0, got -1"), r.err());
    assertEquals(2, launch("no-such-command", config.toString()).code());
  }

  @Test
  void applicationJarRunsUnderSparkSubmit() throws Exception {
    // spark-submit with Spark's own jars (the provided scope) and the shaded application jar:
    // catches classpath clashes between what we shade and what Spark ships.
    Path config = dir.resolve("ok.yaml");
    Files.writeString(config, "data: {source: synthetic}\n");
    Result r = sparkSubmit("local[1]", "validate", config.toString());
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains(config + ": valid"), r.out());
  }

  @Test
  void aSweepRunsUnderSparkSubmitWithTwoSlots() throws Exception {
    Path config = dir.resolve("sweep.yaml");
    Files.writeString(config, """
        name: submitted
        data: {source: synthetic, synthetic: {trainSize: 300, testSize: 60, features: 5, classes: 3}}
        model: {hidden: [8], activation: tanh, init: xavier}
        train: {epochs: 2, batchSize: 30, optimizer: {lr: 0.01}}
        search: {strategy: random, trials: 4, space: {train.optimizer.lr: {logUniform: [1.0e-3, 1.0e-1]}}}
        spark: {conf: {spark.ui.enabled: "false"}}
        """);
    Result r = sparkSubmit("local[2]", "sweep", config.toString(), "--out", dir.resolve("out").toString());
    String output = r.out();
    assertEquals(0, r.code(), output);
    assertTrue(output.contains("with 2 slots"), output);
    assertEquals(4, Files.readAllLines(dir.resolve("out/submitted/trials.jsonl")).size(), output);
    assertTrue(Files.exists(dir.resolve("out/submitted/best.yaml")), output);
  }

  @Test
  void aClusterMasterGoesThroughSparkSubmitWithTheExitCodesAndASafeSecret() throws Exception {
    // validate never contacts the master, so no cluster is needed to see the exit codes come back
    // through SparkSubmit (LostWorkerIT runs a sweep on a real cluster).
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "data: {source: synthetic}\n");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "data: {source: synthetic}\ntrain: {optimizer: {lr: -1}}\n");
    String master = "spark://127.0.0.1:" + LocalCluster.freePort();
    Result valid = launch("validate", ok.toString(), "--master", master);
    assertEquals(0, valid.code(), valid.err());
    assertTrue(valid.out().contains(ok + ": valid"), valid.out());
    assertEquals(2, launch("validate", bad.toString(), "--master", master).code());

    // The cluster's secret must be there and private, or nothing is submitted.
    Path clusterDir = Files.createDirectories(dir.resolve("cluster"));
    Map<String, String> env = Map.of("TROUPE_CLUSTER_DIR", clusterDir.toString());
    Result missing = launch(env, "validate", ok.toString(), "--master", master);
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no auth.conf in " + clusterDir), missing.err());
    Path secret = clusterDir.resolve("auth.conf");
    Files.writeString(secret, "spark.authenticate true\nspark.authenticate.secret s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
    Result exposed = launch(env, "validate", ok.toString(), "--master", master);
    assertEquals(2, exposed.code());
    assertTrue(exposed.err().contains("is accessible by group or others (mode 640)"), exposed.err());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    assertEquals(0, launch(env, "validate", ok.toString(), "--master", master).code());
  }

  @Test
  void printsNoLogNoiseOnAQuietRun() throws Exception {
    Path config = dir.resolve("ok.yaml");
    Files.writeString(config, "data: {source: synthetic}\n");
    Result r = launch("validate", config.toString());
    assertEquals(0, r.code(), r.err());
    // Only the JVM's own notice of the Vector API module the launcher adds (it has no switch).
    assertEquals("WARNING: Using incubator modules: jdk.incubator.vector", r.err().strip(),
        "a quiet run prints nothing else on stderr");
  }
}
