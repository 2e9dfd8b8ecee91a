package io.troupe.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
  @TempDir Path dir;

  private void lines(String... lines) throws IOException {
    Files.writeString(dir.resolve("trials.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  void indexesTheLatestRecordPerTrialAndCountsFailures() throws IOException {
    lines("{\"trialId\":\"t1\",\"status\":\"FAILED\",\"params\":{},\"metrics\":{}}",
        "{\"trialId\":\"t2\",\"status\":\"COMPLETED\",\"params\":{\"train.l2\":0.01},\"metrics\":{\"val_accuracy\":0.8}}",
        "{\"trialId\":\"t1\",\"status\":\"FAILED\",\"params\":{},\"metrics\":{}}",
        "{\"trialId\":\"t3\",\"status\":\"DIVERGED\",\"params\":{},\"metrics\":{\"val_loss\":null}}");
    ResultStore store = ResultStore.open(dir);
    assertEquals(2, store.failures("t1"));
    assertFalse(store.ended("t1"));
    assertTrue(store.ended("t2") && store.ended("t3"));
    assertEquals(0.8, store.latest().get("t2").metric("val_accuracy"));
    assertEquals(0.01, store.latest().get("t2").params().get("train.l2"));
    assertTrue(Double.isNaN(store.latest().get("t3").metric("val_loss")));
  }

  @Test
  void aTornLastLineIsDroppedAndTheFileRepaired() throws IOException {
    Path file = dir.resolve("trials.jsonl");
    lines("{\"trialId\":\"t1\",\"status\":\"COMPLETED\",\"params\":{},\"metrics\":{}}");
    Files.writeString(file, "{\"trialId\":\"t2\",\"sta", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    ResultStore store = ResultStore.open(dir);
    assertEquals(List.of("t1"), List.copyOf(store.latest().keySet()));
    assertEquals(1, store.warnings().size(), store.warnings().toString());
    assertTrue(Files.readString(file).endsWith("}\n"), "truncated back to the last complete line");
    store.appendPruned("t2", java.util.Map.of(), "test");
    assertEquals(2, Files.readAllLines(file).size());
    assertEquals(2, ResultStore.open(dir).latest().size());
  }

  @Test
  void aBrokenLineInTheMiddleIsBadInputNamingFileAndLine() throws IOException {
    lines("{\"trialId\":\"t1\",\"status\":\"COMPLETED\"}", "not json", "{\"trialId\":\"t2\",\"status\":\"COMPLETED\"}");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ResultStore.open(dir));
    assertTrue(e.getMessage().contains("trials.jsonl: line 2"), e.getMessage());
  }
}
