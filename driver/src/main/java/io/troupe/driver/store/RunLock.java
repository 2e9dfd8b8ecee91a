package io.troupe.driver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One driver per run: {@code _lock} in the run directory, created only if absent and never
 * rewritten, and beside it {@code _lock.heartbeat}, which the holder rewrites every
 * {@link #HEARTBEAT}. A second driver is refused (bad input, exit 2) while the heartbeat is fresh.
 *
 * <p>A lock left by a dead driver is taken over, with a warning, once its heartbeat is older than
 * {@link #STALE_AFTER} ({@code troupe.lock.staleSeconds} to change it), or at once when it names
 * this host and a process that no longer runs. Where the store cannot create atomically (S3A has
 * no put-if-absent) the lock is written, left to settle for {@link #SETTLE}, and read back: of
 * two drivers racing, only the one whose id is still there goes on.
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE = "_lock";
  public static final String HEARTBEAT_FILE = "_lock.heartbeat";
  public static final Duration HEARTBEAT = Duration.ofSeconds(10);
  public static final Duration STALE_AFTER = Duration.ofSeconds(Long.getLong("troupe.lock.staleSeconds", 60));
  public static final Duration SETTLE = Duration.ofMillis(Long.getLong("troupe.lock.settleMillis", 2000));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArtifactStore files;
  private final Clock clock;
  private final Duration settle;
  private final String owner = UUID.randomUUID().toString();
  private final Instant startedAt;
  private final List<String> warnings = new ArrayList<>();
  private ScheduledExecutorService heartbeat;
  private volatile String lost;

  private RunLock(ArtifactStore files, Clock clock, Duration settle) {
    this.files = files;
    this.clock = clock;
    this.settle = settle;
    this.startedAt = clock.instant();
  }

  /**
   * Takes the run's lock and starts its heartbeat.
   *
   * @throws InvalidInputException when another live driver holds it, naming that driver
   */
  public static RunLock acquire(ArtifactStore files, Clock clock) throws IOException, InterruptedException {
    return acquire(files, clock, SETTLE);
  }

  static RunLock acquire(ArtifactStore files, Clock clock, Duration settle) throws IOException, InterruptedException {
    RunLock lock = new RunLock(files, clock, settle);
    lock.take();
    lock.startHeartbeat();
    return lock;
  }

  /**
   * Whether a driver may be running the run in {@code files}: a lock is there and it is neither
   * stale nor left by a process of this host that is gone. For readers that must not race a writer.
   */
  public static boolean heldByALiveDriver(ArtifactStore files, Clock clock) {
    RunLock probe = new RunLock(files, clock, SETTLE);
    return files.exists(FILE) && probe.deadBecause(probe.read()) == null;
  }

  /** Takeovers of dead drivers' locks, for the user to see. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Non-null once another driver took the lock over (this one's heartbeat stalled too long). */
  public String lost() {
    return lost;
  }

  private void take() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (files.createIfAbsent(FILE, out -> out.write(JSON.writeValueAsBytes(content())))) {
        if (files.createIfAbsentIsAtomic()) {
          return;
        }
        Thread.sleep(settle.toMillis());
        JsonNode written = read();
        if (written != null && owner.equals(written.path("owner").asText())) {
          return;
        }
        throw held(written, "another driver started on this run at the same moment");
      }
      JsonNode holder = read();
      String deadBecause = deadBecause(holder);
      if (deadBecause == null) {
        throw held(holder, null);
      }
      warnings.add(files.describe(FILE) + ": took over the lock of a driver that " + deadBecause + " ("
          + describe(holder) + ")");
      files.delete(FILE);
    }
    throw held(read(), "lost the race to take over a dead driver's lock");
  }

  /** Why the holder is dead, or null while it may be alive. */
  private String deadBecause(JsonNode holder) {
    if (holder == null) {
      return null; // unreadable or vanished: never guess, refuse and name the file
    }
    Duration age = Duration.between(lastHeartbeat(holder), clock.instant());
    if (age.compareTo(STALE_AFTER) > 0) {
      return "stopped its heartbeat " + age.toSeconds() + " s ago (stale after " + STALE_AFTER.toSeconds() + " s)";
    }
    if (host().equals(holder.path("host").asText()) && holder.has("pid")
        && ProcessHandle.of(holder.path("pid").asLong()).map(p -> !p.isAlive()).orElse(true)) {
      return "no longer runs on this host (pid " + holder.path("pid").asLong() + ")";
    }
    return null;
  }

  private InvalidInputException held(JsonNode holder, String why) {
    return new InvalidInputException(files.describe(FILE) + ": another driver is running this run"
        + (why == null ? "" : " (" + why + ")") + ": " + describe(holder) + ". Wait for it to end; if it is gone,"
        + " its lock is taken over " + STALE_AFTER.toSeconds() + " s after its last heartbeat.");
  }

  private String describe(JsonNode holder) {
    if (holder == null) {
      return "the lock cannot be read (delete " + files.describe(FILE) + " if no driver runs)";
    }
    long heartbeatAge = Duration.between(lastHeartbeat(holder), clock.instant()).toSeconds();
    return "host " + holder.path("host").asText() + ", pid " + holder.path("pid").asText() + ", started "
        + holder.path("startedAt").asText() + ", last heartbeat " + heartbeatAge + " s ago";
  }

  /** The holder's latest heartbeat: its heartbeat file's, if it wrote one, else when it took the lock. */
  private Instant lastHeartbeat(JsonNode holder) {
    long at = holder.path("heartbeat").asLong();
    JsonNode beat = read(HEARTBEAT_FILE);
    if (beat != null && holder.path("owner").asText().equals(beat.path("owner").asText())) {
      at = Math.max(at, beat.path("heartbeat").asLong());
    }
    return Instant.ofEpochMilli(at);
  }

  private JsonNode read() {
    return read(FILE);
  }

  private JsonNode read(String key) {
    try (InputStream in = files.open(key)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      return null;
    }
  }

  private ObjectNode content() {
    ObjectNode o = JSON.createObjectNode();
    o.put("owner", owner);
    o.put("host", host());
    o.put("pid", ProcessHandle.current().pid());
    o.put("startedAt", startedAt.toString());
    o.put("heartbeat", clock.millis());
    return o;
  }

  private void startHeartbeat() {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "troupe-run-lock");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    JsonNode holder = read();
    if (holder != null && !owner.equals(holder.path("owner").asText())) {
      lost = "another driver took over this run's lock: " + describe(holder);
      heartbeat.shutdown();
      return;
    }
    try {
      files.write(HEARTBEAT_FILE, out -> out.write(JSON.writeValueAsBytes(content())));
    } catch (IOException e) {
      // The next beat tries again; a lock left to go stale is taken over, never misread.
    }
  }

  /** Stops the heartbeat and removes the lock, if it is still this driver's. */
  @Override
  public void close() throws IOException {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    JsonNode holder = read();
    if (holder != null && owner.equals(holder.path("owner").asText())) {
      files.delete(HEARTBEAT_FILE);
      files.delete(FILE);
    }
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
