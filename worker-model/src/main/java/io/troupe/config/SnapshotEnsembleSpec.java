package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/**
 * Snapshot-ensemble protocol (seed 002: 25 snapshots over 10 epochs at 1x compute). Cycle length,
 * when collection starts and the peak learning rate decide whether it beats the baseline.
 */
public record SnapshotEnsembleSpec(
    @Doc("Snapshots collected, one per cycle end.")
    @Default("25") @Min(1) int count,
    @Doc("Epoch at which cycling and collection start; before it the trial trains on train.schedule.")
    @Default("0.0") @Min(0) double startEpoch,
    @Doc("Peak learning rate of each cycle; null uses train.optimizer.lr.")
    @Default("null") @Min(value = 0, exclusive = true) Double lr) {}
