package io.troupe.driver.ensemble;

import io.troupe.ensemble.ComparisonTable;
import java.util.List;

/**
 * What an ensemble run produced: the comparison (null if the run stopped on failures), the size of
 * the test part it scores, notes on members left out or snapshots missing, and where the files went
 * (paths or URIs; null when the run stopped).
 */
public record EnsembleOutcome(ComparisonTable table, int testExamples, List<String> notes, String tableCsv,
    String tableMarkdown, String curveCsv, String trialsFile, boolean stoppedOnFailures, String stopReason) {

  public EnsembleOutcome {
    notes = List.copyOf(notes);
  }
}
