package io.troupe.trial;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a trial ended, written in capitals as the {@code status} of its record in trials.jsonl.
 * COMPLETED, DIVERGED and PRUNED have ended for good; a FAILED trial may be rerun on --resume.
 */
public enum TrialStatus {
  COMPLETED, DIVERGED, FAILED, PRUNED;

  /** Whether the trial is done: every status but FAILED, which --resume reruns. */
  public boolean ended() {
    return this != FAILED;
  }

  /**
   * The status written as {@code text}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
   */
  public static TrialStatus parse(String text) {
    for (TrialStatus s : values()) {
      if (s.name().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status \"" + text + "\"; expected one of "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }
}
