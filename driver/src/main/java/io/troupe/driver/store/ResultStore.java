package io.troupe.driver.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialsFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's single source of truth: {@code trials.jsonl}, append-only, one JSON object per line,
 * each synced to disk as its trial ends. Reopening it (for --resume) indexes the latest record of
 * every trial and counts its failures. A torn last line (a crash mid-write) is dropped and the
 * file truncated back to its last complete line; a malformed line anywhere else is bad input.
 */
public final class ResultStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, StoredTrial> latest = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final List<String> warnings = new ArrayList<>();

  private ResultStore(Path file) {
    this.file = file;
  }

  public static ResultStore open(Path dir) throws IOException {
    ResultStore store = new ResultStore(dir.resolve(TrialsFile.NAME));
    if (Files.exists(store.file)) {
      store.load();
    }
    return store;
  }

  public Path file() {
    return file;
  }

  public boolean isEmpty() {
    return latest.isEmpty();
  }

  /** Appends and syncs one result, then indexes it. */
  public synchronized void append(TrialResult result) throws IOException {
    JsonNode node = io.troupe.trial.TrialJson.toJson(result);
    TrialsFile.appendLine(file, node.toString());
    index(node);
  }

  /** Records that a trial was stopped early by the search (ASHA) and will not be run further. */
  public synchronized void appendPruned(String trialId, Map<String, Object> params, String reason) throws IOException {
    var node = JSON.createObjectNode();
    node.put("trialId", trialId);
    node.put("status", "PRUNED");
    node.set("params", JSON.valueToTree(params));
    node.putObject("metrics");
    node.put("reason", reason);
    TrialsFile.appendLine(file, node.toString());
    index(node);
  }

  public synchronized Map<String, StoredTrial> latest() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(latest));
  }

  public synchronized boolean ended(String trialId) {
    StoredTrial t = latest.get(trialId);
    return t != null && t.ended();
  }

  /** How many FAILED records the trial has. */
  public synchronized int failures(String trialId) {
    return failures.getOrDefault(trialId, 0);
  }

  /** What was repaired on open, for the user to see. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  private void load() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    if (end > 0 && bytes[end - 1] != '\n') {
      int lastNewline = end - 1;
      while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
        lastNewline--;
      }
      end = lastNewline + 1;
      warnings.add(file + ": dropped a torn last line (" + (bytes.length - end) + " bytes, a crash mid-write)");
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(end);
      }
    }
    String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        index(JSON.readTree(line));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new InvalidInputException(file + ": line " + lineNo + " is not a trial record: "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }
  }

  private void index(JsonNode node) {
    StoredTrial trial = StoredTrial.fromJson(node);
    latest.remove(trial.trialId()); // re-insert so iteration order is the order trials last ended
    latest.put(trial.trialId(), trial);
    if (trial.status().equals("FAILED")) {
      failures.merge(trial.trialId(), 1, Integer::sum);
    }
  }
}
