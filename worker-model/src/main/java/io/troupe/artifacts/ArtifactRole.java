package io.troupe.artifacts;

import java.util.OptionalInt;

/**
 * What a trial's artifact is. Its entry names it in the "artifacts" map of the trial's record
 * (trials.jsonl) and its key, {@code <trialId>/<entry><extension>}, places it in the artifact
 * store; the trial that writes it and the ensembles and searches that read it both ask here.
 * Snapshots are numbered from 1 in the order taken: entry {@code snapshot-003}.
 */
public enum ArtifactRole {
  /** The final network with its updater state, which a promoted or continued trial resumes from. */
  MODEL("model", ".zip", false),
  /**
   * An ASHA rung's last-epoch network with its updater state, kept when early stopping restored an
   * earlier epoch into MODEL: the next rung continues training from here, not from the restored epoch.
   */
  CHECKPOINT("checkpoint", ".zip", false),
  /** Predictions on the validation part (see {@code Predictions#writeTo}). */
  PREDICTIONS_VAL("predictions-val", ".bin", false),
  /** Predictions on the test part. */
  PREDICTIONS_TEST("predictions-test", ".bin", false),
  /** A bagged member's predictions on its out-of-bag rows, in their order. */
  PREDICTIONS_OOB("predictions-oob", ".bin", false),
  /** The stochastic weight average, batch-norm statistics re-estimated. */
  SWA("swa", ".zip", false),
  /** The exponential moving average of the weights, batch-norm statistics re-estimated. */
  EMA("ema", ".zip", false),
  /** A parameter snapshot taken during training (snapshot ensembles). */
  SNAPSHOT("snapshot", ".zip", true);

  private final String entry;
  private final String extension;
  private final boolean numbered;

  ArtifactRole(String entry, String extension, boolean numbered) {
    this.entry = entry;
    this.extension = extension;
    this.numbered = numbered;
  }

  /** Whether a trial may keep several, each with a number (snapshots). */
  public boolean numbered() {
    return numbered;
  }

  /** The name in a trial's artifacts map, e.g. "model"; for a role that is not numbered. */
  public String entry() {
    require(false);
    return entry;
  }

  /** The name of artifact number {@code index} in a trial's artifacts map, e.g. "snapshot-003". */
  public String entry(int index) {
    require(true);
    return String.format("%s-%03d", entry, index);
  }

  /** Where the trial's artifact is kept, e.g. "t0003/model.zip"; for a role that is not numbered. */
  public String key(String trialId) {
    return trialId + "/" + entry() + extension;
  }

  /** Where the trial's artifact number {@code index} is kept, e.g. "t0003/snapshot-003.zip". */
  public String key(String trialId, int index) {
    return trialId + "/" + entry(index) + extension;
  }

  /** The number in an entry of this numbered role ("snapshot-003" gives 3); empty for another entry. */
  public OptionalInt index(String artifactEntry) {
    require(true);
    String digits = artifactEntry.startsWith(entry + "-") ? artifactEntry.substring(entry.length() + 1) : "";
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(digits));
  }

  private void require(boolean isNumbered) {
    if (numbered != isNumbered) {
      throw new IllegalArgumentException(entry + (numbered ? " artifacts are numbered; give the number"
          : " artifacts are not numbered"));
    }
  }
}
