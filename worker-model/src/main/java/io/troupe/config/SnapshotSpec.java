package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** Parameter snapshots (including batch-norm statistics) captured during one trial. */
public record SnapshotSpec(
    @Doc("none, cycle-ends (end of each cyclic-cosine cycle), every-iterations, or evenly (count snapshots evenly spaced after startEpoch, the last at the final iteration).")
    @Default("none") SnapshotMode mode,
    @Doc("every-iterations: iterations between snapshots.")
    @Default("100") @Min(1) int everyIterations,
    @Doc("evenly: snapshots taken.")
    @Default("10") @Min(1) int count,
    @Doc("evenly: epoch after which snapshots are spread.")
    @Default("0.0") @Min(0) double startEpoch,
    @Doc("Snapshots kept, newest last; 0 keeps all.")
    @Default("0") @Min(0) int keep) {}
