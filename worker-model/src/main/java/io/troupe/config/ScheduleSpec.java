package io.troupe.config;

import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Max;
import io.troupe.config.binding.Min;

/**
 * Learning-rate schedule. Time t is in epochs and advances within an epoch, so schedules do not
 * depend on dataset or batch size. lr0 is train.optimizer.lr.
 */
@Doc("Learning-rate schedule; t is in epochs (fractional within an epoch); lr0 is train.optimizer.lr.")
public record ScheduleSpec(
    @Doc("constant; step (lr0 * factor^floor(t / stepEpochs)); exponential (lr0 e^(-decay t)); inverse (lr0 / (1 + decay t)); cosine (to minLr over all epochs); cyclic-cosine (cosine restarts every cycleEpochs, for snapshot ensembles); plateau (multiply by factor after patience epochs without validation-loss improvement).")
    @Default("constant") ScheduleType type,
    @Doc("step: epochs between decays.")
    @Default("10.0") @Min(value = 0, exclusive = true) double stepEpochs,
    @Doc("step and plateau: multiplier applied at each decay.")
    @Default("0.1") @Min(value = 0, exclusive = true) @Max(value = 1, exclusive = true) double factor,
    @Doc("exponential and inverse: decay rate epsilon per epoch.")
    @Default("0.1") @Min(0) double decay,
    @Doc("cosine, cyclic-cosine and plateau: the floor the rate never goes below.")
    @Default("0.0") @Min(0) double minLr,
    @Doc("cyclic-cosine: length of one cycle in epochs (0.4 gives 25 cycles in 10 epochs).")
    @Default("2.0") @Min(value = 0, exclusive = true) double cycleEpochs,
    @Doc("cyclic-cosine: number of whole cycles that end exactly at the last iteration; overrides cycleEpochs (snapshot ensembles use it so that every cycle yields a snapshot). null uses cycleEpochs.")
    @Default("null") @Min(1) Integer cycles,
    @Doc("cyclic-cosine: epoch at which cycling starts; before it the rate is lr0.")
    @Default("0.0") @Min(0) double cycleStartEpoch,
    @Doc("plateau: epochs without improvement before decaying.")
    @Default("3") @Min(1) int patience,
    @Doc("plateau: relative improvement of the validation loss that counts.")
    @Default("1.0e-4") @Min(0) double threshold,
    @Doc("plateau: stop the trial once decays have brought the rate down to lr0 / stopAtReduction (seed 001: halve on a plateau until the rate is 1/1024 of the start, i.e. factor 0.5, stopAtReduction 1024). When train.earlyStopping is on as well, its best epoch is restored. null never stops.")
    @Default("null") @Min(value = 1, exclusive = true) Double stopAtReduction) {}
