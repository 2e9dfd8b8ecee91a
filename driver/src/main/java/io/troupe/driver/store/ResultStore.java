package io.troupe.driver.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.artifacts.LocalArtifactStore;
import io.troupe.trial.TrialJson;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialStatus;
import io.troupe.trial.TrialsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's single source of truth, correct on object stores: every trial outcome is one immutable
 * record, written once and never appended to or renamed in place (as Delta Lake's log is).
 *
 * <pre>
 *   records/0000000042.json                 one outcome; its number orders the run
 *   records/batch-0000000001-0000000500.jsonl  records 1..500, one per line, which then replace
 *                                          their single files: a run of thousands of trials
 *                                          opens by listing and reading a few dozen files
 *   trials.jsonl                           the derived view: every record in order, rewritten at the
 *                                          end of a run (and appended as trials end on a local disk)
 * </pre>
 *
 * <p>Records are written by one background thread, so a slow store (a small file takes a quarter
 * of a second on HDFS) never holds up the next trial's dispatch; {@link #flush} and
 * {@link #close} wait for them. A crash loses only records still queued, whose trials resume
 * reruns; a record is visible whole or not at all (see {@link ArtifactStore#write}).
 *
 * <p>A directory written by an earlier Troupe holds only {@code trials.jsonl}: it is read as the
 * run's records (a torn last line dropped with a warning) and, once the run continues, copied
 * into {@code records/} as its first batch.
 */
public final class ResultStore implements AutoCloseable {
  public static final String RECORDS = "records/";
  static final int BATCH_EVERY = 500;
  private static final Pattern RECORD = Pattern.compile("records/(\\d{10})\\.json");
  private static final Pattern BATCH = Pattern.compile("records/batch-(\\d{10})-(\\d{10})\\.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArtifactStore files;
  private final List<StoredTrial> records = new ArrayList<>();
  private final Map<String, StoredTrial> latest = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final boolean legacy;
  private long batchedThrough;
  private String configHash;
  private ExecutorService writer;
  private Future<?> lastWrite;
  /** The first background write that failed; later records are not written after it (no gaps). */
  private volatile IOException writeFailure;

  private ResultStore(ArtifactStore files, boolean legacy) {
    this.files = files;
    this.legacy = legacy;
  }

  /** Reads the run in {@code files} (its directory), in either format; writes nothing. */
  public static ResultStore open(ArtifactStore files) throws IOException {
    List<String> keys = files.list(RECORDS);
    if (keys.isEmpty() && files.exists(TrialsFile.NAME)) {
      ResultStore store = new ResultStore(files, true);
      store.readLegacy();
      return store;
    }
    ResultStore store = new ResultStore(files, false);
    store.readRecords(keys);
    return store;
  }

  /** True when the run was read from an earlier Troupe's trials.jsonl alone. */
  public boolean legacy() {
    return legacy;
  }

  /**
   * Readies the store for new records, each stamped with {@code configHash}. An earlier Troupe's
   * trials.jsonl becomes the first batch of records; on a local disk the view is rewritten from
   * the records so appends continue a whole file.
   */
  public synchronized void beginWriting(String configHash) throws IOException {
    this.configHash = configHash;
    writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "troupe-result-store");
      t.setDaemon(true);
      return t;
    });
    if (legacy && !records.isEmpty()) {
      writeBatch(List.copyOf(records));
      warnings.add(files.describe(TrialsFile.NAME) + ": results of an earlier Troupe; copied its " + records.size()
          + " records into " + RECORDS + " (trials.jsonl is now rewritten from them)");
    }
    if (files instanceof LocalArtifactStore) {
      writeView();
    }
  }

  public String viewLocation() {
    return files.describe(TrialsFile.NAME);
  }

  public synchronized boolean isEmpty() {
    return latest.isEmpty();
  }

  /** Records one result: indexed at once, written in the background. */
  public synchronized void append(TrialResult result) throws IOException {
    add(TrialJson.toJson(result));
  }

  /** Records a result a study is told after {@code askedBefore} asks (replayed at that point on --resume). */
  public synchronized void append(TrialResult result, long askedBefore) throws IOException {
    ObjectNode node = TrialJson.toJson(result);
    node.put("askedBefore", askedBefore);
    add(node);
  }

  public synchronized Map<String, StoredTrial> latest() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(latest));
  }

  /** Every record in the order written, earlier runs' first. */
  public synchronized List<StoredTrial> records() {
    return List.copyOf(records);
  }

  public synchronized boolean ended(String trialId) {
    StoredTrial t = latest.get(trialId);
    return t != null && t.ended();
  }

  /** How many FAILED records the trial has. */
  public synchronized int failures(String trialId) {
    return failures.getOrDefault(trialId, 0);
  }

  /** What was repaired or converted, for the user to see. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Waits until every record so far is written; rethrows the first write that failed. */
  public void flush() throws IOException {
    Future<?> last;
    synchronized (this) {
      last = lastWrite;
    }
    if (last != null) {
      await(last);
    }
    throwIfWriteFailed();
  }

  private void throwIfWriteFailed() throws IOException {
    IOException failure = writeFailure;
    if (failure != null) {
      throw new IOException("writing trial records beside " + files.describe(TrialsFile.NAME) + " failed: "
          + failure.getMessage(), failure);
    }
  }

  /**
   * Writes what is still queued, batches the records since the last batch and rewrites the
   * derived trials.jsonl; the store takes no records after.
   */
  @Override
  public synchronized void close() throws IOException {
    if (writer == null) {
      return;
    }
    try {
      flush();
      List<StoredTrial> unbatched = since(batchedThrough);
      if (!unbatched.isEmpty()) {
        writeBatch(unbatched);
      }
      writeView();
    } finally {
      writer.shutdownNow();
      writer = null;
    }
  }

  private void add(ObjectNode node) throws IOException {
    if (writer == null) {
      throw new IllegalStateException("beginWriting was not called");
    }
    throwIfWriteFailed(); // a failed write stops the run here rather than losing records silently
    long seq = seqOfLast() + 1;
    node.put("seq", seq);
    node.put("configHash", configHash);
    StoredTrial trial = StoredTrial.fromJson(node);
    index(trial);
    String key = recordKey(seq);
    byte[] bytes = trial.line().getBytes(StandardCharsets.UTF_8);
    List<StoredTrial> batch = seq - batchedThrough >= BATCH_EVERY ? since(batchedThrough) : null;
    if (batch != null) {
      batchedThrough = seq;
    }
    lastWrite = writer.submit(() -> {
      if (writeFailure != null) {
        return;
      }
      try {
        files.write(key, out -> out.write(bytes));
        if (files instanceof LocalArtifactStore local) {
          TrialsFile.appendLine(local.root().resolve(TrialsFile.NAME), trial.line());
        }
        if (batch != null) {
          writeBatchNow(batch);
        }
      } catch (IOException e) {
        writeFailure = e;
      }
    });
  }

  /** The records numbered after {@code seq}, in order. */
  private List<StoredTrial> since(long seq) {
    int from = records.size();
    while (from > 0 && records.get(from - 1).seq() > seq) {
      from--;
    }
    return List.copyOf(records.subList(from, records.size()));
  }

  private void writeBatch(List<StoredTrial> batch) throws IOException {
    writeBatchNow(batch);
    batchedThrough = batch.get(batch.size() - 1).seq();
  }

  /**
   * Writes the batch, then deletes the single records it holds. A crash between the two leaves
   * singles that readers skip (the batch covers them), never a record in neither.
   */
  private void writeBatchNow(List<StoredTrial> batch) throws IOException {
    String key = String.format("%sbatch-%010d-%010d.jsonl", RECORDS, batch.get(0).seq(), batch.get(batch.size() - 1).seq());
    writeLines(key, batch);
    for (StoredTrial trial : batch) {
      files.delete(recordKey(trial.seq()));
    }
  }

  /**
   * Rewrites the derived trials.jsonl from the records when it lags them (a driver died before
   * its run's end), as {@code report} does for a run no driver holds; says whether it did. An
   * earlier Troupe's trials.jsonl is the records themselves and is left as it is.
   */
  public synchronized boolean rewriteStaleView() throws IOException {
    if (legacy || viewLines() == records.size()) {
      return false;
    }
    writeView();
    return true;
  }

  private long viewLines() throws IOException {
    if (!files.exists(TrialsFile.NAME)) {
      return -1;
    }
    try (InputStream in = files.open(TrialsFile.NAME)) {
      long lines = 0;
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          lines += buffer[i] == '\n' ? 1 : 0;
        }
      }
      return lines;
    }
  }

  private void writeView() throws IOException {
    writeLines(TrialsFile.NAME, List.copyOf(records));
  }

  private void writeLines(String key, List<StoredTrial> trials) throws IOException {
    files.write(key, out -> {
      for (StoredTrial trial : trials) {
        out.write((trial.line() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  private void readRecords(List<String> keys) throws IOException {
    Map<Long, String> singles = new java.util.TreeMap<>();
    Map<Long, String> batches = new java.util.TreeMap<>();
    for (String key : keys) {
      Matcher record = RECORD.matcher(key);
      Matcher batch = BATCH.matcher(key);
      if (record.matches()) {
        singles.put(Long.parseLong(record.group(1)), key);
      } else if (batch.matches()) {
        batches.put(Long.parseLong(batch.group(1)), key);
      }
    }
    for (String key : batches.values()) {
      String text = read(key);
      int lineNo = 0;
      for (String line : text.split("\n")) {
        lineNo++;
        if (!line.isBlank()) {
          StoredTrial trial = parse(line, key + ": line " + lineNo);
          if (trial.seq() > seqOfLast()) {
            index(trial);
          }
        }
      }
      batchedThrough = seqOfLast();
    }
    for (Map.Entry<Long, String> single : singles.entrySet()) {
      if (single.getKey() > seqOfLast()) {
        index(parse(read(single.getValue()), single.getValue()));
      }
    }
  }

  private void readLegacy() throws IOException {
    String text = read(TrialsFile.NAME);
    String[] lines = text.split("\n", -1);
    boolean mayBeTorn = !text.isEmpty() && !text.endsWith("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      if (mayBeTorn && i == lines.length - 1) {
        warnings.add(files.describe(TrialsFile.NAME) + ": line " + (i + 1) + " skipped: a torn last line ("
            + lines[i].length() + " characters, no newline; a crash mid-write)");
        continue;
      }
      ObjectNode node = parseWhole(lines[i], files.describe(TrialsFile.NAME) + ": line " + (i + 1));
      node.put("seq", seqOfLast() + 1);
      index(StoredTrial.fromJson(node));
    }
  }

  private String read(String key) throws IOException {
    try (InputStream in = files.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One record from its text, indexed without parsing its history. */
  private static StoredTrial parse(String text, String where) {
    try {
      return StoredTrial.fromLine(text);
    } catch (IllegalArgumentException e) {
      throw notARecord(where, e);
    }
  }

  /** One record of an earlier Troupe's trials.jsonl, whole: it is given a seq and rewritten. */
  private static ObjectNode parseWhole(String text, String where) {
    try {
      JsonNode node = JSON.readTree(text);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      StoredTrial.fromJson(object); // checks trialId and status
      return object;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw notARecord(where, e);
    }
  }

  private static InvalidInputException notARecord(String where, Exception e) {
    return new InvalidInputException(where + " is not a trial record: "
        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
  }

  private void index(StoredTrial trial) {
    records.add(trial);
    latest.remove(trial.trialId()); // re-insert so iteration order is the order trials last ended
    latest.put(trial.trialId(), trial);
    if (trial.status() == TrialStatus.FAILED) {
      failures.merge(trial.trialId(), 1, Integer::sum);
    }
  }

  private long seqOfLast() {
    return records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
  }

  static String recordKey(long seq) {
    return String.format("%s%010d.json", RECORDS, seq);
  }

  private static void await(Future<?> write) throws IOException {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing trial records", e);
    } catch (ExecutionException e) {
      throw new IOException("writing a trial record failed: " + e.getCause(), e.getCause());
    }
  }
}
