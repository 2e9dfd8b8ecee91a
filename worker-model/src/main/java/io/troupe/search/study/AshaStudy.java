package io.troupe.search.study;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.AshaSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Seeds;
import io.troupe.search.AshaScheduler;
import io.troupe.search.Promotion;
import io.troupe.search.RandomSampler;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import io.troupe.trial.TrialStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asynchronous successive halving across trials (ASHA). Each sampled trial first trains to the
 * lowest rung; whenever a trial ranks in the top 1/reduction of those that reached its rung, it
 * is promoted and continues FROM ITS CHECKPOINT (weights and optimiser state in the artifact
 * store) to the next rung, never from scratch. Every rung run is its own record, {@code tNNNN-rK};
 * trials never promoted further are recorded as PRUNED at the end. With train.earlyStopping, a
 * trial that stopped early is never promoted, and a rung whose model is an earlier epoch is
 * continued from the last-epoch checkpoint it kept.
 */
public final class AshaStudy implements Study {
  /** The metric a trial records when it stopped before its epochs ran out. */
  private static final String STOPPED_EARLY = "stopped_epoch";

  private final ExperimentSpec spec;
  private final Consumer<String> notes;
  private final AshaScheduler scheduler;
  private final Map<String, TrialSpec> base = new HashMap<>();
  private final Deque<String> fresh = new ArrayDeque<>();
  /** What a promotion continues, by rung run id: its checkpoint, or its model. */
  private final Map<String, String> continuation = new HashMap<>();
  private int promotions;
  private int awaited;

  public AshaStudy(ExperimentSpec spec, Consumer<String> notes) {
    this(spec, notes, "asha", "", scheduler(spec),
        RandomSampler.samples(spec.search().space(), Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM),
            spec.search().trials()));
  }

  /**
   * One ASHA bracket of {@code sampled} trials, ids {@code prefix + tNNNN} (a Hyperband bracket's
   * {@code b1-t0003}); {@code label} names it in the notes.
   */
  AshaStudy(ExperimentSpec spec, Consumer<String> notes, String label, String prefix, AshaScheduler scheduler,
      List<Map<String, Object>> sampled) {
    this.spec = spec;
    this.notes = notes;
    this.scheduler = scheduler;
    List<Integer> rungs = scheduler.rungEpochs();
    // Every rung trains toward the last rung's epochs, so the schedule spans the whole budget.
    for (TrialSpec t : TrialPlanner.trials(spec, prefix, sampled, Map.of("train.epochs", rungs.get(rungs.size() - 1)))) {
      base.put(t.trialId(), t);
      fresh.add(t.trialId());
    }
    notes.accept(label + " rungs (epochs): " + rungs);
  }

  private static AshaScheduler scheduler(ExperimentSpec spec) {
    AshaSpec asha = spec.search().asha();
    return new AshaScheduler(asha.minEpochs(), asha.maxEpochs(), asha.reduction(), spec.objectiveDirection());
  }

  static String runId(String trialId, int rung) {
    return trialId + "-r" + rung;
  }

  /** A promotion if one is due (highest rung first), else the next fresh trial at rung 0. */
  @Override
  public Optional<TrialSpec> ask() {
    Optional<Promotion> promotion = scheduler.nextPromotion();
    if (promotion.isPresent()) {
      Promotion p = promotion.get();
      promotions++;
      notes.accept(String.format("promote %s: rung %d -> %d (%d epochs)", p.trialId(), p.fromRung(), p.toRung(),
          p.epochs()));
      String from = runId(p.trialId(), p.fromRung());
      return asked(segment(p.trialId(), p.toRung(),
          continuation.getOrDefault(from, ArtifactRole.MODEL.key(from)), p.epochs()));
    }
    if (!fresh.isEmpty()) {
      return asked(segment(fresh.poll(), 0, null, scheduler.rungEpochs().get(0)));
    }
    return Optional.empty();
  }

  private Optional<TrialSpec> asked(TrialSpec t) {
    awaited++;
    return Optional.of(t);
  }

  @Override
  public void tell(Told result) {
    awaited--;
    String runId = result.trialId();
    int dash = runId.lastIndexOf("-r");
    String trialId = runId.substring(0, dash);
    int rung = Integer.parseInt(runId.substring(dash + 2));
    continuation.put(runId, result.artifacts().getOrDefault(ArtifactRole.CHECKPOINT.entry(),
        ArtifactRole.MODEL.key(runId)));
    scheduler.report(trialId, rung, result.metric(spec.objectiveMetric().configName()));
    if (result.status() == TrialStatus.COMPLETED && result.metrics().containsKey(STOPPED_EARLY)) {
      notes.accept(String.format("%s stopped early at epoch %.0f (train.earlyStopping): not promoted", runId,
          result.metrics().get(STOPPED_EARLY)));
      scheduler.finish(trialId);
    }
  }

  @Override
  public boolean finished() {
    // Promotions are only decided on an ask, so finished means nothing could be asked now either.
    return fresh.isEmpty() && awaited == 0 && !scheduler.hasPromotion();
  }

  @Override
  public int expected() {
    return base.size() + promotions;
  }

  /** Trials never promoted past their last rung, as PRUNED records. */
  @Override
  public List<TrialResult> closing() {
    List<TrialResult> pruned = new ArrayList<>();
    for (String id : scheduler.pruned()) {
      TrialSpec t = base.get(id);
      pruned.add(TrialResult.Pruned.of(id, t.params(), t.seed(), "not promoted past its last rung"));
    }
    return pruned;
  }

  private TrialSpec segment(String trialId, int rung, String checkpoint, int epochs) {
    return base.get(trialId).segment(runId(trialId, rung), TrialSeeds.derive(spec.seed(), trialId), checkpoint, epochs);
  }
}
