package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.testing.SharedHdfs;
import io.troupe.driver.testing.SharedS3;
import io.troupe.trial.TrialsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store's promises, held on a local disk, on a real HDFS (in-process MiniDFSCluster) and on a
 * real S3 API (S3Proxy on loopback, through s3a): what a record write leaves, what a reader of a run
 * sees, one driver per run, and a changed config refused on resume.
 */
class StoreOnEveryFileSystemTest {
  @TempDir static Path local;

  /** A fresh run location on each file system, with the Hadoop settings to reach it. */
  record Location(String name, String uri, Configuration conf) {
    ArtifactStore files() {
      return RunStores.open(uri, conf);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Location> fileSystems() {
    String test = "store-" + System.nanoTime();
    return Stream.of(
        new Location("local", local.resolve(test).toString(), new Configuration()),
        new Location("hdfs", SharedHdfs.get().path(test).toString(), SharedHdfs.get().configuration()),
        new Location("s3a", SharedS3.get().path(test).toString(), SharedS3.get().configuration()));
  }

  private static String read(ArtifactStore files, String key) throws IOException {
    try (InputStream in = files.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void put(ArtifactStore files, String key, String text) throws IOException {
    files.write(key, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void artifactsAreWrittenWholeListedSortedReplacedAndDeleted(Location at) throws IOException {
    ArtifactStore files = at.files();
    assertFalse(files.exists("t1/model.zip"));
    assertEquals(List.of(), files.list("t1/"));
    put(files, "t1/model.zip", "weights");
    put(files, "t1/predictions-val.bin", "p");
    put(files, "t2/model.zip", "other");
    assertEquals("weights", read(files, "t1/model.zip"));
    assertEquals(List.of("t1/model.zip", "t1/predictions-val.bin"), files.list("t1/"));
    assertEquals(3, files.list("").size(), "no temporary leftovers listed");
    put(files, "t1/model.zip", "v2");
    assertEquals("v2", read(files, "t1/model.zip"));
    files.delete("t1/model.zip");
    assertFalse(files.exists("t1/model.zip"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> files.open("t1/model.zip"));
    assertTrue(e.getMessage().contains("no artifact \"t1/model.zip\""), e.getMessage());
    assertTrue(files.describe("t1/model.zip").startsWith(at.name().equals("local") ? "/" : at.name() + "://"),
        files.describe("t1/model.zip"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void createIfAbsentNeverReplacesAndSaysWhetherItCreated(Location at) throws IOException {
    ArtifactStore files = at.files();
    assertTrue(files.createIfAbsent("_lock", out -> out.write('a')));
    assertFalse(files.createIfAbsent("_lock", out -> out.write('b')));
    assertEquals("a", read(files, "_lock"));
    assertEquals(!at.name().equals("s3a"), files.createIfAbsentIsAtomic(), "S3A 3.3 has no put-if-absent");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void aRunsRecordsAreReadBackInOrderBeforeAndAfterItsViewsAreWritten(Location at) throws IOException {
    ArtifactStore files = at.files();
    ResultStore store = ResultStore.open(files);
    store.beginWriting("sha256:fs");
    for (int i = 0; i < 5; i++) {
      store.append(ResultStoreFixtures.failed("t" + i));
    }
    store.flush();
    assertEquals(5, files.list(ResultStore.RECORDS).size());
    assertEquals(5, ResultStore.open(files).latest().size(), "a crashed run reads from its records");
    store.close();
    List<String> view = read(files, TrialsFile.NAME).lines().toList();
    assertEquals(5, view.size());
    assertTrue(view.get(4).contains("\"trialId\":\"t4\""), view.get(4));
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), List.copyOf(ResultStore.open(files).latest().keySet()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void aSecondDriverIsRefusedAndAChangedConfigOnResumeIsRefused(Location at) throws Exception {
    ArtifactStore files = at.files();
    RunManifest manifest = manifest("train.optimizer.lr=0.01");
    try (RunDirectory first = RunDirectory.open(at.uri(), files, manifest, false, Clock.systemUTC())) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> RunDirectory.open(at.uri(), at.files(), manifest, true, Clock.systemUTC()));
      assertTrue(e.getMessage().contains("another driver is running this run"), e.getMessage());
      first.store().append(ResultStoreFixtures.failed("t0"));
    }
    assertFalse(files.exists(RunLock.FILE), "released");
    String written = read(files, RunManifest.FILE);
    assertEquals(manifest.configHash(), new ObjectMapper().readTree(written).path("configHash").asText());
    InvalidInputException changed = assertThrows(InvalidInputException.class,
        () -> RunDirectory.open(at.uri(), files, manifest("train.optimizer.lr=0.1"), true, Clock.systemUTC()));
    assertTrue(changed.getMessage().contains("train.optimizer.lr: 0.01 -> 0.1"), changed.getMessage());
    assertFalse(files.exists(RunLock.FILE), "a refused resume leaves no lock behind");
    RunDirectory.open(at.uri(), files, manifest("train.optimizer.lr=0.01", "spark.slots=1"), true, Clock.systemUTC())
        .close();
  }

  private static RunManifest manifest(String... sets) {
    ExperimentSpec spec = ConfigLoader.parse("data: {source: synthetic}", "fs.yaml", "fs", List.of(sets));
    return RunManifest.of(spec, "sweep", "sha256:data", List.of("sweep"), Map.of(), Instant.now());
  }
}
