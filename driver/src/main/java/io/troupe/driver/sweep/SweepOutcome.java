package io.troupe.driver.sweep;

import io.troupe.driver.store.StoredTrial;
import java.util.List;

/**
 * How a sweep ended: the ranked trials (best first), where the results are (paths or URIs), warnings for the user,
 * and whether it stopped early because too many trials failed.
 */
public record SweepOutcome(List<StoredTrial> ranked, String trialsFile, String bestConfig, List<String> warnings,
    boolean stoppedOnFailures, String stopReason) {

  public SweepOutcome {
    ranked = List.copyOf(ranked);
    warnings = List.copyOf(warnings);
  }
}
