package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.IoWriter;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  @TempDir Path dir;

  private LocalArtifactStore files() {
    return new LocalArtifactStore(dir);
  }

  private void legacyLines(String... lines) throws IOException {
    Files.writeString(dir.resolve("trials.jsonl"), String.join("\n", lines) + "\n");
  }

  /** The cheapest outcome to record: a trial the search stopped. */
  private static TrialResult pruned(String trialId, Map<String, Object> params, String reason) {
    return TrialResult.Pruned.of(trialId, params, 7, reason);
  }

  private static ResultStore writing(ArtifactStore files) throws IOException {
    ResultStore store = ResultStore.open(files);
    store.beginWriting("sha256:test");
    return store;
  }

  @Test
  void aLegacyTrialsFileIsReadIndexingTheLatestRecordPerTrialAndCountingFailures() throws IOException {
    legacyLines("{\"trialId\":\"t1\",\"status\":\"FAILED\",\"params\":{},\"metrics\":{}}",
        "{\"trialId\":\"t2\",\"status\":\"COMPLETED\",\"params\":{\"train.l2\":0.01},\"metrics\":{\"val_accuracy\":0.8}}",
        "{\"trialId\":\"t1\",\"status\":\"FAILED\",\"params\":{},\"metrics\":{}}",
        "{\"trialId\":\"t3\",\"status\":\"DIVERGED\",\"params\":{},\"metrics\":{\"val_loss\":null}}");
    ResultStore store = ResultStore.open(files());
    assertTrue(store.legacy());
    assertEquals(2, store.failures("t1"));
    assertFalse(store.ended("t1"));
    assertTrue(store.ended("t2") && store.ended("t3"));
    assertEquals(0.8, store.latest().get("t2").metric("val_accuracy"));
    assertEquals(0.01, store.latest().get("t2").params().get("train.l2"));
    assertTrue(Double.isNaN(store.latest().get("t3").metric("val_loss")));
    assertFalse(Files.exists(dir.resolve("records")), "reading writes nothing");
  }

  @Test
  void aLegacyRunIsConvertedIntoRecordsWhenItContinuesAndItsTornLineDropped() throws IOException {
    legacyLines("{\"trialId\":\"t1\",\"status\":\"COMPLETED\",\"params\":{},\"metrics\":{}}");
    Files.writeString(dir.resolve("trials.jsonl"), "{\"trialId\":\"t2\",\"sta", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    ResultStore store = writing(files());
    assertEquals(List.of("t1"), List.copyOf(store.latest().keySet()));
    assertTrue(store.warnings().stream().anyMatch(w -> w.contains("torn last line")), store.warnings().toString());
    assertTrue(store.warnings().stream().anyMatch(w -> w.contains("copied its 1 records")), store.warnings().toString());
    store.append(pruned("t2", Map.of(), "test"));
    store.close();
    assertEquals(2, Files.readAllLines(dir.resolve("trials.jsonl")).size(), "the view is rewritten whole");
    ResultStore reopened = ResultStore.open(files());
    assertFalse(reopened.legacy());
    assertEquals(List.of("t1", "t2"), List.copyOf(reopened.latest().keySet()));
  }

  @Test
  void aBrokenLegacyLineInTheMiddleIsBadInputNamingFileAndLine() throws IOException {
    legacyLines("{\"trialId\":\"t1\",\"status\":\"COMPLETED\"}", "not json", "{\"trialId\":\"t2\",\"status\":\"COMPLETED\"}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResultStore.open(files()));
    assertTrue(e.getMessage().contains("trials.jsonl: line 2"), e.getMessage());
  }

  @Test
  void anUnknownStatusIsBadInputNamingFileLineAndTheAllowedValues() throws IOException {
    legacyLines("{\"trialId\":\"t1\",\"status\":\"COMPLETED\"}", "{\"trialId\":\"t2\",\"status\":\"DONE\"}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResultStore.open(files()));
    assertTrue(e.getMessage().contains("trials.jsonl: line 2 is not a trial record: unknown status \"DONE\"; expected"
        + " one of COMPLETED, DIVERGED, FAILED, PRUNED"), e.getMessage());
  }

  @Test
  void eachOutcomeIsOneRecordStampedWithSeqAndConfigHashAndTheViewListsThemInOrder() throws IOException {
    ResultStore store = writing(files());
    store.append(pruned("t1", Map.of("train.l2", 0.1), "a"));
    store.append(pruned("t2", Map.of(), "b"));
    store.append(pruned("t1", Map.of("train.l2", 0.1), "again"));
    store.flush();
    assertEquals(List.of("records/0000000001.json", "records/0000000002.json", "records/0000000003.json"),
        files().list("records/"));
    String second = Files.readString(dir.resolve("records/0000000002.json"));
    assertTrue(second.contains("\"seq\":2") && second.contains("\"configHash\":\"sha256:test\""), second);
    store.close();
    List<String> view = Files.readAllLines(dir.resolve("trials.jsonl"));
    assertEquals(3, view.size());
    assertTrue(view.get(2).contains("\"reason\":\"again\""), view.get(2));
    assertEquals(List.of("t2", "t1"), List.copyOf(ResultStore.open(files()).latest().keySet()),
        "in the order trials last ended");
  }

  @Test
  void aPrunedTrialIsRecordedWithTheFieldsEarlierRunsWroteAndReadsBackAsEnded() throws IOException {
    // What appendPruned wrote before TrialResult.Pruned existed, less seq and configHash.
    JsonNode before = new ObjectMapper().readTree("{\"trialId\":\"t0003\",\"status\":\"PRUNED\","
        + "\"params\":{\"train.l2\":0.1},\"metrics\":{},\"reason\":\"not promoted past its last rung\"}");
    ResultStore store = writing(files());
    store.append(pruned("t0003", Map.of("train.l2", 0.1), "not promoted past its last rung"));
    store.flush(); // its single record, before close batches it
    JsonNode written = new ObjectMapper().readTree(Files.readString(dir.resolve("records/0000000001.json")));
    before.fieldNames().forEachRemaining(field -> assertEquals(before.get(field), written.get(field), field));
    StoredTrial read = ResultStore.open(files()).latest().get("t0003");
    assertEquals(TrialStatus.PRUNED, read.status());
    assertTrue(read.ended(), "a pruned trial is not rerun on --resume");
    assertEquals(Map.of("train.l2", 0.1), read.params());
    assertEquals(Map.of(), read.metrics());
  }

  @Test
  void aCrashedRunIsReadFromItsRecordsAloneWhateverItsViewSays() throws IOException {
    ResultStore store = writing(files());
    store.append(pruned("t1", Map.of(), "a"));
    store.append(pruned("t2", Map.of(), "b"));
    store.flush(); // no close: the driver died here
    Files.writeString(dir.resolve("trials.jsonl"), "{\"trialId\":\"t1\",\"sta"); // even a torn view
    // A crash mid-write leaves at worst a hidden .partial file, which is never listed.
    Files.writeString(dir.resolve("records/.0000000003.json.1234.partial"), "{\"trialId\":");
    ResultStore reopened = ResultStore.open(files());
    assertFalse(reopened.legacy());
    assertEquals(List.of("t1", "t2"), List.copyOf(reopened.latest().keySet()));
    reopened.beginWriting("sha256:test");
    reopened.append(pruned("t3", Map.of(), "c"));
    reopened.flush();
    assertTrue(Files.exists(dir.resolve("records/0000000003.json")), "numbering continues after the last record");
  }

  @Test
  void recordsAreBatchedSoALongRunOpensFromAFewFiles() throws IOException {
    ResultStore store = writing(files());
    for (int i = 0; i < 2 * ResultStore.BATCH_EVERY + 7; i++) {
      store.append(pruned(String.format("t%05d", i), Map.of(), "r"));
    }
    store.flush();
    assertTrue(Files.exists(dir.resolve("records/batch-0000000001-0000000500.jsonl")));
    assertTrue(Files.exists(dir.resolve("records/batch-0000000501-0000001000.jsonl")));
    assertEquals(1007 - 1000, files().list("records/").size() - 2, "batched records leave their single files");
    store.close();
    assertTrue(Files.exists(dir.resolve("records/batch-0000001001-0000001007.jsonl")), "the rest batched at the end");
    assertEquals(3, files().list("records/").size(), "three batches and nothing else");
    ResultStore reopened = ResultStore.open(files());
    assertEquals(2 * ResultStore.BATCH_EVERY + 7, reopened.latest().size());
    assertEquals(2 * ResultStore.BATCH_EVERY + 7, reopened.records().size());
  }

  @Test
  void singleRecordsLeftBesideTheirBatchByACrashAreReadOnce() throws IOException {
    ResultStore store = writing(files());
    for (int i = 0; i < 3; i++) {
      store.append(pruned("t" + i, Map.of(), "r"));
    }
    store.flush();
    String second = Files.readString(dir.resolve("records/0000000002.json"));
    store.close(); // batches records 1-3 and deletes their single files
    Files.writeString(dir.resolve("records/0000000002.json"), second); // as if the driver died before deleting it
    ResultStore reopened = ResultStore.open(files());
    assertEquals(3, reopened.records().size());
    assertEquals(List.of("t0", "t1", "t2"), List.copyOf(reopened.latest().keySet()));
  }

  @Test
  void aFailedRecordWriteStopsTheRunAndNoLaterRecordIsWrittenAfterIt() throws IOException {
    FailingStore failing = new FailingStore(files());
    ResultStore store = writing(failing);
    store.append(pruned("t1", Map.of(), "a"));
    store.flush();
    failing.failing = true;
    store.append(pruned("t2", Map.of(), "b"));
    IOException e = assertThrows(IOException.class, store::flush);
    assertTrue(e.getMessage().contains("trial records") && e.getMessage().contains("disk full"), e.getMessage());
    failing.failing = false;
    assertThrows(IOException.class, () -> store.append(pruned("t3", Map.of(), "c")));
    assertEquals(List.of("records/0000000001.json"), files().list("records/"), "no gap: t2 missing, t3 not written");
  }

  /** A local store whose writes fail while {@code failing} is set, as a full disk or a lost namenode would. */
  private static final class FailingStore extends ForwardingStore {
    volatile boolean failing;

    FailingStore(ArtifactStore inner) {
      super(inner);
    }

    @Override
    public void write(String key, IoWriter writer) throws IOException {
      if (failing) {
        throw new IOException("disk full (test)");
      }
      super.write(key, writer);
    }
  }
}
