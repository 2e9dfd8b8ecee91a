package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.driver.spark.JavaModuleOpens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/cluster's own promises: argument checks, the secret's safety, and stopping only its own daemons. */
class ClusterScriptIT {
  @TempDir Path dir;

  private static void assertBadArgument(String expected, String... args) throws Exception {
    LocalCluster.Result r = LocalCluster.run(args);
    assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void badArgumentsExitTwoNamingTheArgument() throws Exception {
    assertBadArgument("--workers: expected an integer from 1 to 64, got '0'", "start", "--workers", "0");
    assertBadArgument("--port: expected an integer from 1 to 65535, got 'x'", "start", "--port", "x");
    assertBadArgument("--memory: expected a size such as 512m or 4g, got '2x'", "start", "--memory", "2x");
    assertBadArgument("--cores: missing value", "start", "--cores");
    assertBadArgument("unknown option '--bogus'", "start", "--bogus", "1");
    assertBadArgument("unknown option '--workers' for stop", "stop", "--workers", "2");
    assertBadArgument("unknown action 'restart'", "restart");
  }

  @Test
  void pinnedWorkersRunOnACoreEachAndTheMasterOnAll() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    LocalCluster cluster = LocalCluster.start(dir.resolve("pinned"), 2, 1, "--pin");
    try {
      assertEquals("0", allowedCpus(cluster.daemon("worker-1").pid()));
      assertEquals(Integer.toString(1 % cpus), allowedCpus(cluster.daemon("worker-2").pid()), "the second core, or wrapped");
      assertEquals(allowedCpus(ProcessHandle.current().pid()), allowedCpus(cluster.daemon("master").pid()), "not pinned");
    } finally {
      cluster.stop();
    }
  }

  private static String allowedCpus(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().split(":")[1].trim();
  }

  @Test
  void refusesToStartWithASecretOthersCanRead() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Path secret = run.resolve("auth.conf");
    Files.writeString(secret, "spark.authenticate true\nspark.authenticate.secret not-so-secret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    LocalCluster.Result r = LocalCluster.run("start", "--run-dir", run.toString(), "--port",
        Integer.toString(LocalCluster.freePort()));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(secret + " is accessible by group or others (mode 644)"), r.err());
    assertFalse(Files.exists(run.resolve("pids/master.pid")), "nothing may start");
  }

  @Test
  void stopLeavesAloneAProcessItDidNotStart() throws Exception {
    // A PID file naming a process that is not this cluster's daemon (a reused PID, say).
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try {
      Path pids = Files.createDirectories(dir.resolve("run/pids"));
      Files.writeString(pids.resolve("master.pid"), Long.toString(stranger.pid()));
      LocalCluster.Result stop = LocalCluster.run("stop", "--run-dir", dir.resolve("run").toString());
      assertEquals(0, stop.code(), stop.err());
      assertTrue(stop.err().contains("master was not running"), stop.err());
      assertTrue(stranger.isAlive(), "stop killed a process it did not start");
      assertEquals(3, LocalCluster.run("status", "--run-dir", dir.resolve("run").toString()).code());
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void theClusterRequiresItsSecretAndStopsCleanly() throws Exception {
    LocalCluster cluster = LocalCluster.start(dir.resolve("run"), 1, 1);
    List<ProcessHandle> daemons = new ArrayList<>();
    try {
      daemons.add(cluster.daemon("master"));
      daemons.add(cluster.daemon("worker-1"));
      Path secretFile = cluster.runDir().resolve("auth.conf");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
      String secret = Files.readAllLines(secretFile).stream().filter(l -> l.startsWith("spark.authenticate.secret "))
          .findFirst().orElseThrow().split("\\s+")[1];
      assertTrue(secret.length() >= 32, "a generated secret");
      for (ProcessHandle daemon : daemons) {
        String commandLine = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "cmdline"));
        assertFalse(commandLine.contains(secret), "the secret is on a command line");
      }
      LocalCluster.Result status = cluster.status();
      assertEquals(0, status.code(), status.out());
      assertTrue(status.out().contains("ALIVE workers reported by the master: 1"), status.out());

      // A worker without the secret is turned away, and the master still counts one worker.
      Path intruderLog = dir.resolve("intruder.txt");
      Process intruder = intruderWorker(cluster, intruderLog);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(intruderLog).contains("Failed to connect to master") && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        String log = Files.readString(intruderLog);
        assertTrue(log.contains("Failed to connect to master") && log.contains("SASL"), log);
        assertFalse(log.contains("Successfully registered with master"), log);
        assertTrue(cluster.status().out().contains("ALIVE workers reported by the master: 1"));
      } finally {
        intruder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      cluster.stop();
    }
    for (ProcessHandle daemon : daemons) {
      assertFalse(LocalCluster.running(daemon), "still running after stop: pid " + daemon.pid());
    }
    assertEquals(3, cluster.status().code(), "status after stop");
  }

  /** A Spark worker started by hand from the cluster's jars, without the secret. */
  private static Process intruderWorker(LocalCluster cluster, Path log) throws Exception {
    Path home = cluster.runDir().resolve("spark-home");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JavaModuleOpens.flags());
    command.addAll(List.of("-cp", home.resolve("jars") + "/*", "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1",
        "--work-dir", cluster.runDir().resolve("intruder").toString(), cluster.masterUrl()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }
}
