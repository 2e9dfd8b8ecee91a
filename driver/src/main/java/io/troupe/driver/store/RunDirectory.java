package io.troupe.driver.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import io.troupe.config.ExperimentSpec;
import java.time.Clock;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's directory while one driver runs it: the lock held, the manifest checked against the
 * one the run started with and written, and the result store open for records. Closing it writes
 * the derived views and releases the lock.
 */
public final class RunDirectory implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String location;
  private final ArtifactStore files;
  private final RunLock lock;
  private final ResultStore store;
  private final List<String> notes;

  private RunDirectory(String location, ArtifactStore files, RunLock lock, ResultStore store, List<String> notes) {
    this.location = location;
    this.files = files;
    this.lock = lock;
    this.store = store;
    this.notes = List.copyOf(notes);
  }

  /**
   * Opens the run of {@code spec} at {@code location} (a local path or a Hadoop URI) for this
   * driver, with a manifest made now: see {@link #open(String, ArtifactStore, RunManifest, boolean, Clock)}.
   */
  public static RunDirectory openFor(ExperimentSpec spec, String dataFingerprint, RunInvocation invocation,
      String location, Configuration hadoop, boolean resume) throws IOException, InterruptedException {
    String normalized = RunStores.normalize(location);
    RunManifest manifest = RunManifest.of(spec, invocation.command(), dataFingerprint, invocation.commandLine(),
        StackVersions.of(), Instant.now());
    return open(normalized, RunStores.open(normalized, hadoop), manifest, resume, Clock.systemUTC());
  }

  /**
   * Opens the run at {@code location} for this driver.
   *
   * @param resume whether earlier results may be continued; without it, any is refused
   * @throws InvalidInputException when another driver holds the run, when earlier results are
   *     there without {@code resume}, or when the config changed what the trials compute
   */
  public static RunDirectory open(String location, ArtifactStore files, RunManifest manifest, boolean resume,
      Clock clock) throws IOException, InterruptedException {
    RunLock lock = RunLock.acquire(files, clock);
    try {
      List<String> notes = new ArrayList<>(lock.warnings());
      ResultStore store = ResultStore.open(files);
      if (!resume && !store.isEmpty()) {
        throw new InvalidInputException(store.viewLocation() + ": results of an earlier run are here; add --resume"
            + " to continue it, or choose another --out or name (nothing was overwritten)");
      }
      RunManifest earlier = readManifest(files);
      RunManifest current = manifest;
      if (resume && earlier != null && !store.isEmpty()) {
        notes.addAll(ManifestCheck.check(earlier, manifest, files.describe(RunManifest.FILE)));
        current = manifest.resuming(earlier);
      } else if (resume && !store.isEmpty()) {
        notes.add(store.viewLocation() + ": this run has no " + RunManifest.FILE + " (an earlier Troupe wrote it), so"
            + " its config cannot be checked against this one; from now on it is");
      }
      byte[] written = current.toBytes();
      files.write(RunManifest.FILE, out -> out.write(written));
      store.beginWriting(manifest.configHash());
      notes.addAll(store.warnings());
      return new RunDirectory(location, files, lock, store, notes);
    } catch (InvalidInputException e) {
      lock.close();
      throw withTakeovers(e, lock);
    } catch (IOException | RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  /** A refusal that also says whose lock was taken over on the way, which the user would not see otherwise. */
  private static InvalidInputException withTakeovers(InvalidInputException refusal, RunLock lock) {
    if (lock.warnings().isEmpty()) {
      return refusal;
    }
    List<String> problems = new ArrayList<>(refusal.problems());
    lock.warnings().forEach(w -> problems.add("(on the way: " + w + ")"));
    return new InvalidInputException(problems);
  }

  /** The run.json in {@code files}, or null when there is none. */
  public static RunManifest readManifest(ArtifactStore files) throws IOException {
    if (!files.exists(RunManifest.FILE)) {
      return null;
    }
    try (InputStream in = files.open(RunManifest.FILE)) {
      if (!(JSON.readTree(in) instanceof ObjectNode o)) {
        throw new InvalidInputException(files.describe(RunManifest.FILE) + ": not a JSON object; expected a run manifest");
      }
      return new RunManifest(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(files.describe(RunManifest.FILE) + ": not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  public String location() {
    return location;
  }

  /** Where executors write models, snapshots and predictions: {@code <run>/artifacts}. */
  public String artifactsLocation() {
    return location + "/artifacts";
  }

  public ArtifactStore files() {
    return files;
  }

  public ResultStore store() {
    return store;
  }

  /** What the user should know: locks taken over, formats converted, settings changed on resume. */
  public List<String> notes() {
    return notes;
  }

  /** Refuses to go on once another driver took the run over. */
  public void checkStillHeld() {
    if (lock.lost() != null) {
      throw new IllegalStateException(lock.lost());
    }
  }

  @Override
  public void close() throws IOException {
    try {
      store.close();
    } finally {
      lock.close();
    }
  }
}
