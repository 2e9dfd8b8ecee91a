package io.troupe.driver.ensemble;

import io.troupe.ensemble.ComparisonTable;
import java.nio.file.Path;
import java.util.List;

/**
 * What an ensemble run produced: the comparison (null if the run stopped on failures), notes on
 * members left out or snapshots missing, and where the files went.
 */
public record EnsembleOutcome(ComparisonTable table, List<String> notes, Path tableCsv, Path tableMarkdown,
    Path curveCsv, Path trialsFile, boolean stoppedOnFailures, String stopReason) {}
