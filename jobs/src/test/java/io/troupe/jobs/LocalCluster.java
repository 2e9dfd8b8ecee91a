package io.troupe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster started with deploy/cluster for an integration test: its own
 * run dir, a free loopback port for the master (the web UIs and workers take ephemeral ports), so
 * it never collides with anything. Tests stop it in a finally block or {@code @AfterEach}.
 */
final class LocalCluster {
  /** The outcome of one deploy/cluster command. */
  record Result(int code, String out, String err) {
    String lastLine() {
      List<String> lines = out.strip().lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  private final Path runDir;
  private final String masterUrl;

  private LocalCluster(Path runDir, String masterUrl) {
    this.runDir = runDir;
    this.masterUrl = masterUrl;
  }

  /**
   * Starts a master and {@code workers} workers of {@code cores} each, with any further start
   * options; fails the test if that does not work.
   */
  static LocalCluster start(Path runDir, int workers, int cores, String... options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("start", "--workers", Integer.toString(workers), "--cores",
        Integer.toString(cores), "--run-dir", runDir.toString(), "--port", Integer.toString(freePort())));
    args.addAll(List.of(options));
    Result r = run(args.toArray(String[]::new));
    LocalCluster cluster = new LocalCluster(runDir, r.lastLine());
    if (r.code() != 0) {
      cluster.stop(); // whatever did start
    }
    assertEquals(0, r.code(), r.err());
    assertTrue(cluster.masterUrl.matches("spark://127\\.0\\.0\\.1:\\d+"), "last line: " + r.out());
    return cluster;
  }

  /** Runs {@code deploy/cluster <args>} against the packaged jar (never rebuilding it). */
  static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProjectRoot.get().resolve("deploy/cluster").toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cluster-out", ".txt");
    Path err = Files.createTempFile("cluster-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("TROUPE_NO_BUILD", "1");
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("deploy/cluster " + String.join(" ", args) + " did not finish in 120 s");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Whether a process is running: alive and not a zombie. A daemon's parent exits once it has
   * started it, so on exit it waits (a zombie, which ProcessHandle counts as alive) for init to reap it.
   */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z'; // "pid (name) STATE ..."
    } catch (IOException e) {
      return false; // gone while we looked
    }
  }

  String masterUrl() {
    return masterUrl;
  }

  Path runDir() {
    return runDir;
  }

  /** The JVM of a daemon this cluster started ("master", "worker-1", ...), from its PID file. */
  ProcessHandle daemon(String name) throws IOException {
    long pid = Long.parseLong(Files.readString(runDir.resolve("pids/" + name + ".pid")).strip());
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
  }

  /**
   * The master's own view, from its web UI's /json/: aliveworkers, coresused, activeapps,
   * completedapps, workers (each with state and coresused).
   */
  JsonNode masterStatus() throws IOException, InterruptedException {
    String webUi = Files.readString(runDir.resolve("master-webui.url")).strip();
    HttpRequest request = HttpRequest.newBuilder(URI.create(webUi + "/json/")).timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body());
  }

  Result status() throws IOException, InterruptedException {
    return run("status", "--run-dir", runDir.toString());
  }

  void stop() throws IOException, InterruptedException {
    Result r = run("stop", "--run-dir", runDir.toString());
    assertEquals(0, r.code(), r.err());
  }
}
