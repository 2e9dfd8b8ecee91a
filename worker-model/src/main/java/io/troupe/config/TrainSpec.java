package io.troupe.config;

import io.troupe.config.binding.Checks;
import io.troupe.config.binding.CrossChecked;
import io.troupe.config.binding.Default;
import io.troupe.config.binding.Doc;
import io.troupe.config.binding.Min;

/** How one trial trains: budget, optimiser, schedule, regularisation and the seeds' diagnostics. */
@Doc("How one trial trains: budget, optimiser, schedule, regularisation, gradient handling and averaging.")
public record TrainSpec(
    @Doc("Passes over the training part.")
    @Default("10") @Min(1) int epochs,
    @Doc("Examples per mini-batch.")
    @Default("128") @Min(1) int batchSize,
    @Doc("Update rule and its constants.")
    OptimizerSpec optimizer,
    @Doc("Learning-rate schedule.")
    ScheduleSpec schedule,
    @Doc("L1 penalty coefficient on weights (with l2 > 0 too, this is elastic net).")
    @Default("0.0") @Min(0) double l1,
    @Doc("L2 penalty coefficient on weights (weight decay).")
    @Default("0.0") @Min(0) double l2,
    @Doc("Gradient clipping.")
    ClipSpec clip,
    @Doc("Annealed gradient noise.")
    GradientNoiseSpec gradientNoise,
    @Doc("Divergence guard.")
    DivergenceSpec divergence,
    @Doc("Image augmentation of training batches.")
    AugmentSpec augment,
    @Doc("Reshuffle the training part every epoch (seeded by the trial seed and the epoch).")
    @Default("true") boolean shuffle,
    @Doc("Parameter snapshots for snapshot ensembles.")
    SnapshotSpec snapshots,
    @Doc("SWA and EMA weight averages.")
    AveragingSpec averaging,
    @Doc("Diagnostics recorded per epoch.")
    MonitorSpec monitor,
    @Doc("Early stopping on validation.")
    EarlyStoppingSpec earlyStopping,
    @Doc("One trial across several executors.")
    DistributedSpec distributed)
    implements CrossChecked {

  @Override
  public void crossCheck(Checks checks) {
    if (schedule.minLr() >= optimizer.lr()
        && schedule.type() != ScheduleType.CONSTANT && schedule.type() != ScheduleType.STEP) {
      checks.fail("schedule.minLr", "must be < " + checks.path("optimizer.lr") + " ("
          + optimizer.lr() + ") for a " + schedule.type().configName() + " schedule, got " + schedule.minLr());
    }
    if (snapshots.mode() == SnapshotMode.CYCLE_ENDS && schedule.type() != ScheduleType.CYCLIC_COSINE) {
      checks.fail("snapshots.mode", "cycle-ends needs " + checks.path("schedule.type")
          + " cyclic-cosine, got " + schedule.type().configName());
    }
    if (schedule.cycleStartEpoch() >= epochs && schedule.type() == ScheduleType.CYCLIC_COSINE) {
      checks.fail("schedule.cycleStartEpoch", "must be < " + checks.path("epochs") + " (" + epochs
          + "), got " + schedule.cycleStartEpoch());
    }
    if (snapshots.mode() == SnapshotMode.EVENLY && snapshots.startEpoch() >= epochs) {
      checks.fail("snapshots.startEpoch", "must be < " + checks.path("epochs") + " (" + epochs
          + "), got " + snapshots.startEpoch());
    }
    Double reduction = schedule.stopAtReduction();
    if (reduction != null && schedule.type() != ScheduleType.PLATEAU) {
      checks.fail("schedule.stopAtReduction", "stops a trial when reduce-on-plateau has cut the rate enough; it needs "
          + checks.path("schedule.type") + " plateau, got " + schedule.type().configName());
    } else if (reduction != null && schedule.minLr() > optimizer.lr() / reduction) {
      checks.fail("schedule.stopAtReduction", "the rate never gets down to " + checks.path("optimizer.lr") + " / "
          + reduction + " = " + optimizer.lr() / reduction + " because " + checks.path("schedule.minLr") + " ("
          + schedule.minLr() + ") is above it; lower minLr or stopAtReduction");
    }
    if (distributed.enabled()) {
      dataParallelChecks(checks);
    }
    Integer swaStart = averaging.swaStartEpoch();
    if (swaStart != null && swaStart >= epochs) {
      checks.fail("averaging.swaStartEpoch", "must be < " + checks.path("epochs") + " (" + epochs
          + "), got " + swaStart);
    }
  }

  /**
   * What data-parallel training cannot do: the workers train between averages out of the driver's
   * sight, so whatever acts on every mini-batch (snapshots, SWA/EMA, gradient noise) has no place
   * to run. Epoch-level features (schedules, early stopping, plateau) work.
   */
  private void dataParallelChecks(Checks checks) {
    String why = " acts on every mini-batch, which data-parallel workers train out of the driver's sight; set "
        + checks.path("distributed.mode") + " none or turn it off";
    if (snapshots.mode() != SnapshotMode.NONE) {
      checks.fail("snapshots.mode", snapshots.mode().configName() + why);
    }
    if (averaging.swaStartEpoch() != null || averaging.emaDecay() != null) {
      checks.fail("averaging", "SWA/EMA" + why);
    }
    if (gradientNoise.eta() > 0) {
      checks.fail("gradientNoise.eta", "gradient noise" + why);
    }
  }
}
