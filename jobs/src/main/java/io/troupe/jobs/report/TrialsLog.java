package io.troupe.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.InvalidInputException;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code trials.jsonl} read without touching it: the latest record of every trial, in the order
 * trials last ended. Unlike ResultStore (which repairs the file for --resume) a torn last line is
 * only skipped, with a warning; a malformed line anywhere else is bad input naming file and line.
 */
record TrialsLog(Path file, List<StoredTrial> trials, List<String> warnings) {
  static final String FILE = TrialsFile.NAME;
  private static final ObjectMapper JSON = new ObjectMapper();

  TrialsLog {
    trials = List.copyOf(trials);
    warnings = List.copyOf(warnings);
  }

  static TrialsLog read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    // A last line without its newline was cut short by a crash mid-write (TrialsFile writes line and newline at once).
    boolean mayBeTorn = !text.isEmpty() && !text.endsWith("\n");
    String[] lines = text.split("\n", -1);
    Map<String, StoredTrial> latest = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        StoredTrial trial = StoredTrial.fromJson(JSON.readTree(lines[i]));
        latest.remove(trial.trialId());
        latest.put(trial.trialId(), trial);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        if (mayBeTorn && i == lines.length - 1) {
          warnings.add(file + ": line " + (i + 1) + " skipped: a torn last line (" + lines[i].length()
              + " characters, no newline; a crash mid-write)");
        } else {
          throw new InvalidInputException(file + ": line " + (i + 1) + " is not a trial record: "
              + e.getMessage().lines().findFirst().orElse(""), e);
        }
      }
    }
    return new TrialsLog(file, List.copyOf(latest.values()), warnings);
  }
}
