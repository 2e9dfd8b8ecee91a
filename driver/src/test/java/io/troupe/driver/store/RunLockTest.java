package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.IoWriter;
import io.troupe.artifacts.LocalArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();

  private LocalArtifactStore files() {
    return new LocalArtifactStore(dir);
  }

  @Test
  void aSecondDriverIsRefusedNamingTheFirstAndGetsInOnceItIsGone() throws Exception {
    RunLock first = RunLock.acquire(files(), clock);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunLock.acquire(files(), clock));
    assertTrue(e.getMessage().contains("another driver is running this run"), e.getMessage());
    assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    assertTrue(e.getMessage().contains("_lock"), e.getMessage());
    first.close();
    assertFalse(Files.exists(dir.resolve(RunLock.FILE)), "closing removes the lock");
    RunLock.acquire(files(), clock).close();
  }

  @Test
  void aLockWhoseHeartbeatWentStaleIsTakenOverWithAWarning() throws Exception {
    RunLock dead = RunLock.acquire(files(), clock);
    clock.now = clock.now.plus(RunLock.STALE_AFTER).minusSeconds(1);
    assertThrows(InvalidInputException.class, () -> RunLock.acquire(files(), clock), "still fresh");
    clock.now = clock.now.plusSeconds(2);
    RunLock next = RunLock.acquire(files(), clock);
    assertEquals(1, next.warnings().size(), next.warnings().toString());
    assertTrue(next.warnings().get(0).contains("stopped its heartbeat"), next.warnings().get(0));
    assertTrue(next.warnings().get(0).contains("pid " + ProcessHandle.current().pid()), next.warnings().get(0));
    next.close();
    dead.close(); // no longer its lock: leaves nothing behind and takes nothing away
  }

  @Test
  void aHeartbeatFileKeepsALongRunningDriversLockFresh() throws Exception {
    RunLock holder = RunLock.acquire(files(), clock);
    String owner = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(RunLock.FILE).toFile())
        .path("owner").asText();
    clock.now = clock.now.plus(RunLock.STALE_AFTER).plusSeconds(30);
    // What the heartbeat thread writes every few seconds, by the lock's own owner.
    Files.writeString(dir.resolve(RunLock.HEARTBEAT_FILE),
        "{\"owner\":\"" + owner + "\",\"heartbeat\":" + clock.now.minusSeconds(5).toEpochMilli() + "}");
    assertThrows(InvalidInputException.class, () -> RunLock.acquire(files(), clock));
    holder.close();
  }

  @Test
  void aLockLeftOnThisHostByAProcessThatIsGoneIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve(RunLock.FILE), "{\"owner\":\"x\",\"host\":\"" + RunLock.host() + "\",\"pid\":"
        + gone.pid() + ",\"startedAt\":\"then\",\"heartbeat\":" + clock.millis() + "}", StandardCharsets.UTF_8);
    RunLock lock = RunLock.acquire(files(), clock);
    assertTrue(lock.warnings().get(0).contains("no longer runs on this host"), lock.warnings().toString());
    lock.close();
  }

  @Test
  void anUnreadableLockIsNeverGuessedAboutButRefusedNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(RunLock.FILE), "{\"owner\":");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunLock.acquire(files(), clock));
    assertTrue(e.getMessage().contains("cannot be read (delete"), e.getMessage());
  }

  @Test
  void onAStoreWithoutAtomicCreateTheDriverWhoseIdIsReadBackWins() throws Exception {
    // Another driver's PUT lands after ours, inside the settle time: the read-back shows its id.
    ArtifactStore racing = new ForwardingStore(files()) {
      @Override
      public boolean createIfAbsentIsAtomic() {
        return false;
      }

      @Override
      public boolean createIfAbsent(String key, IoWriter writer) throws IOException {
        boolean created = super.createIfAbsent(key, writer);
        Files.writeString(dir.resolve(key), "{\"owner\":\"other\",\"host\":\"elsewhere\",\"pid\":1,\"heartbeat\":"
            + clock.millis() + "}");
        return created;
      }
    };
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> RunLock.acquire(racing, clock, Duration.ofMillis(10)));
    assertTrue(e.getMessage().contains("at the same moment"), e.getMessage());
    assertTrue(e.getMessage().contains("host elsewhere"), e.getMessage());
  }

  @Test
  void readersCanTellALiveDriverFromADeadOnesLock() throws Exception {
    assertFalse(RunLock.heldByALiveDriver(files(), clock), "no lock");
    RunLock live = RunLock.acquire(files(), clock);
    assertTrue(RunLock.heldByALiveDriver(files(), clock));
    clock.now = clock.now.plus(RunLock.STALE_AFTER).plusSeconds(1);
    assertFalse(RunLock.heldByALiveDriver(files(), clock), "stale");
    live.close();
    assertFalse(RunLock.heldByALiveDriver(files(), clock));
  }
}
