package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Parameter snapshots (including batch-norm statistics) captured during one trial. */
public record SnapshotSpec(
    @Doc("none, cycle-ends (end of each cyclic-cosine cycle) or every-iterations.")
    @Default("none") SnapshotMode mode,
    @Doc("every-iterations: iterations between snapshots.")
    @Default("100") @Min(1) int everyIterations,
    @Doc("Snapshots kept, newest last; 0 keeps all.")
    @Default("0") @Min(0) int keep) {}
