package io.troupe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real cluster (deploy/cluster: a master and two 1-core workers, each its own JVM) for every
 * integration test in this JVM that leaves it as it found it, started on first use and stopped
 * when the JVM exits: each start costs some 15 s of the suite. Tests that break a cluster (kill a
 * worker) start their own.
 */
final class SharedCluster {
  private static SharedCluster instance;

  private final LocalCluster cluster;

  private SharedCluster(LocalCluster cluster) {
    this.cluster = cluster;
  }

  static synchronized SharedCluster get() throws Exception {
    if (instance == null) {
      Path dir = Files.createTempDirectory("troupe-shared-cluster");
      LocalCluster cluster = LocalCluster.start(dir, 2, 1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          cluster.stop();
        } catch (IOException | InterruptedException | AssertionError e) {
          System.err.println("could not stop the shared test cluster in " + dir + ": " + e);
        }
      }));
      instance = new SharedCluster(cluster);
    }
    return instance;
  }

  String masterUrl() {
    return cluster.masterUrl();
  }

  LocalCluster cluster() {
    return cluster;
  }

  /** Starts deploy/troupe against this cluster, with extra environment, stdout and stderr into {@code log}. */
  Process troupe(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/troupe").toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TROUPE_NO_BUILD", "1");
    builder.environment().put("TROUPE_CLUSTER_DIR", cluster.runDir().toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits for {@code process}, failing the test with its log if it takes longer than {@code seconds}. */
  static int finish(Process process, Path log, int seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("deploy/troupe did not finish in " + seconds + " s: " + Files.readString(log));
    }
    return process.exitValue();
  }

  /** Executor JVMs: the workers' child processes. */
  List<ProcessHandle> executorJvms() throws IOException {
    List<ProcessHandle> executors = new ArrayList<>();
    for (String worker : List.of("worker-1", "worker-2")) {
      cluster.daemon(worker).children().filter(LocalCluster::running).forEach(executors::add);
    }
    return executors;
  }

  /** Waits until the executors are gone and the master has no application and both workers' cores free. */
  void awaitIdle(List<ProcessHandle> executors) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode status = cluster.masterStatus();
    while (System.nanoTime() < deadline) {
      status = cluster.masterStatus();
      boolean idle = executors.stream().noneMatch(LocalCluster::running) && status.get("activeapps").isEmpty()
          && status.get("coresused").asInt() == 0 && status.get("aliveworkers").asInt() == 2;
      if (idle) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the cluster did not let go of the killed driver's application in 60 s;"
        + " executors alive: " + executors.stream().filter(LocalCluster::running).count() + ", master: " + status);
  }
}
