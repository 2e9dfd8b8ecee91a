package io.troupe.driver.sweep;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.AshaSpec;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Seeds;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.AshaScheduler;
import io.troupe.search.Promotion;
import io.troupe.search.RandomSampler;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asynchronous successive halving across trials (ASHA). Each sampled trial first trains to the
 * lowest rung; whenever a trial ranks in the top 1/reduction of those that reached its rung, it
 * is promoted and continues FROM ITS CHECKPOINT (weights and optimiser state in the artifact
 * store) to the next rung, never from scratch. Every rung run is its own record, {@code tNNNN-rK};
 * trials that were never promoted further are recorded as PRUNED at the end. On --resume the
 * stored rung results are replayed into the scheduler, so no rung that ended is run twice; a
 * FAILED rung run is retried up to search.maxFailures times. With train.earlyStopping, patience and
 * the best epoch carry across rungs, a trial that stops early is never promoted, and each rung's model
 * and metrics are its best epoch so far while the next rung continues from its last epoch.
 */
final class AshaSweep {
  private final ExperimentSpec spec;
  private final SweepRunner runner;
  private final AshaScheduler scheduler;
  private final Map<String, TrialSpec> base = new HashMap<>();

  AshaSweep(ExperimentSpec spec, SweepRunner runner) {
    this.spec = spec;
    this.runner = runner;
    AshaSpec asha = spec.search().asha();
    this.scheduler = new AshaScheduler(asha.minEpochs(), asha.maxEpochs(), asha.reduction(), spec.objectiveDirection());
  }

  /** The metric a trial records when it stopped before its epochs ran out (early stopping, seed 001's plateau rule). */
  private static final String STOPPED_EARLY = "stopped_epoch";

  static String runId(String trialId, int rung) {
    return trialId + "-r" + rung;
  }

  void run(TrialDispatcher dispatcher) throws IOException, InterruptedException {
    List<Map<String, Object>> sampled = RandomSampler.samples(spec.search().space(),
        Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM), spec.search().trials());
    // Every rung trains toward asha.maxEpochs, so the schedule spans the whole budget.
    for (TrialSpec t : TrialPlanner.trials(spec, "", sampled, Map.of("train.epochs", spec.search().asha().maxEpochs()))) {
      base.put(t.trialId(), t);
    }
    Deque<String> fresh = new ArrayDeque<>();
    int replayed = replayStored(fresh);
    runner.progress().plan(sampled.size(), replayed);
    runner.progress().note("asha rungs (epochs): " + scheduler.rungEpochs());
    while (!runner.stopped() || dispatcher.inFlight() > 0) {
      while (dispatcher.hasFreeSlot() && !runner.stopped()) {
        Optional<TrialSpec> next = nextRun(fresh);
        if (next.isEmpty()) {
          break;
        }
        dispatcher.submit(next.get());
      }
      if (dispatcher.inFlight() == 0) {
        break;
      }
      TrialResult r = runner.record(dispatcher.next(), dispatcher);
      report(r.info().trialId(), r);
    }
    for (String pruned : scheduler.pruned()) {
      if (!runner.store().ended(pruned)) {
        TrialSpec t = base.get(pruned);
        runner.store().append(TrialResult.Pruned.of(pruned, t.params(), t.seed(), "not promoted past its last rung"));
      }
    }
  }

  /** A promotion if one is due (highest rung first), else the next fresh trial at rung 0. */
  private Optional<TrialSpec> nextRun(Deque<String> fresh) {
    Optional<Promotion> promotion = scheduler.nextPromotion();
    if (promotion.isPresent()) {
      Promotion p = promotion.get();
      runner.progress().grow(1);
      runner.progress().note(String.format("promote %s: rung %d -> %d (%d epochs)", p.trialId(), p.fromRung(),
          p.toRung(), p.epochs()));
      return Optional.of(segment(p.trialId(), p.toRung(), checkpoint(runId(p.trialId(), p.fromRung())), p.epochs()));
    }
    if (!fresh.isEmpty()) {
      String id = fresh.poll();
      return Optional.of(segment(id, 0, null, scheduler.rungEpochs().get(0)));
    }
    return Optional.empty();
  }

  /**
   * What a promotion continues: the rung's last-epoch checkpoint when early stopping restored an
   * earlier epoch into its model, else its model.
   */
  private String checkpoint(String runId) {
    StoredTrial rung = runner.store().latest().get(runId);
    return rung == null ? ArtifactRole.MODEL.key(runId)
        : rung.artifact(ArtifactRole.CHECKPOINT).orElse(ArtifactRole.MODEL.key(runId));
  }

  private TrialSpec segment(String trialId, int rung, String checkpoint, int epochs) {
    return base.get(trialId).segment(runId(trialId, rung), TrialSeeds.derive(spec.seed(), trialId), checkpoint, epochs);
  }

  /** Feeds stored rung results to the scheduler; queues trials that never ran their first rung. */
  private int replayStored(Deque<String> fresh) {
    Map<String, StoredTrial> stored = runner.store().latest();
    int ran = 0;
    for (String id : base.keySet().stream().sorted().toList()) {
      boolean started = false;
      for (int rung = 0; rung < scheduler.rungEpochs().size(); rung++) {
        String run = runId(id, rung);
        StoredTrial t = stored.get(run);
        // A FAILED rung run is rerun on --resume, up to search.maxFailures times; past that it
        // counts as unscored (never promoted), like a diverged one.
        boolean givenUp = runner.store().failures(run) > spec.search().maxFailures();
        if (t != null && (t.ended() || givenUp)) {
          scheduler.report(id, rung, t.ended() ? t.metric(spec.objectiveMetric().configName()) : Double.NaN);
          if (Double.isFinite(t.metric(STOPPED_EARLY))) {
            scheduler.finish(id);
          }
          started = true;
        }
      }
      if (started || runner.store().ended(id)) {
        ran++;
      } else {
        fresh.add(id);
      }
    }
    return ran;
  }

  private void report(String runId, TrialResult r) {
    int dash = runId.lastIndexOf("-r");
    String trialId = runId.substring(0, dash);
    int rung = Integer.parseInt(runId.substring(dash + 2));
    Double objective = r instanceof TrialResult.Completed ? r.info().metrics().get(spec.objectiveMetric().configName()) : null;
    scheduler.report(trialId, rung, objective == null ? Double.NaN : objective);
    if (r instanceof TrialResult.Completed && r.info().metrics().containsKey(STOPPED_EARLY)) {
      runner.progress().note(String.format("%s stopped early at epoch %.0f (train.earlyStopping): not promoted", runId,
          r.info().metrics().get(STOPPED_EARLY)));
      scheduler.finish(trialId);
    }
  }
}
