package io.troupe.jobs.report;

import io.troupe.artifacts.ArtifactStore;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialsFile;
import java.io.IOException;
import java.util.List;

/**
 * A run's trials read without touching them, through the {@link ResultStore} as --resume reads
 * them (its records, or an earlier Troupe's trials.jsonl): the latest record of every trial, in the
 * order trials last ended. A torn last line of an old trials.jsonl is skipped with a warning; a
 * malformed record is bad input naming file and line.
 */
record TrialsLog(String file, List<StoredTrial> trials, List<String> warnings) {
  static final String FILE = TrialsFile.NAME;

  TrialsLog {
    trials = List.copyOf(trials);
    warnings = List.copyOf(warnings);
  }

  /** Whether the run has trials to read: records, or an earlier Troupe's trials.jsonl. */
  static boolean presentIn(ArtifactStore files) throws IOException {
    return !files.list(ResultStore.RECORDS).isEmpty() || files.exists(FILE);
  }

  static TrialsLog read(ArtifactStore files) throws IOException {
    ResultStore store = ResultStore.open(files);
    return new TrialsLog(files.describe(FILE), List.copyOf(store.latest().values()), store.warnings());
  }
}
