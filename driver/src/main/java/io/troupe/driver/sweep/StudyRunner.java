package io.troupe.driver.sweep;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ExperimentSpec;
import io.troupe.driver.dispatch.TrialDispatcher;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.RunDirectory;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.study.Study;
import io.troupe.search.study.StudyLoop;
import io.troupe.search.study.Told;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every search, whatever its strategy, through one {@link StudyLoop}: dispatches what the
 * study asks for, stores each result as it arrives (with the asks made before it, so --resume replays
 * it at the same point) and reports progress. A trial whose result is already stored (ended, or
 * FAILED search.maxFailures times) is replayed instead of run. It owns the failure budget
 * (search.maxFailedTrials).
 */
final class StudyRunner {
  private final ExperimentSpec spec;
  private final RunDirectory run;
  private final ResultStore store;
  private final SweepProgress progress;
  private final int slots;
  private int failedHere;
  private String stopReason;

  StudyRunner(ExperimentSpec spec, RunDirectory run, SweepProgress progress, int slots) {
    this.spec = spec;
    this.run = run;
    this.store = run.store();
    this.progress = progress;
    this.slots = slots;
  }

  /** Runs {@code study} to its end (or until too many trials fail); returns the stored result of every trial it asked. */
  Map<String, StoredTrial> run(Study study, TrialDispatcher dispatcher) throws IOException, InterruptedException {
    Set<String> asked = new LinkedHashSet<>();
    StudyLoop loop = new StudyLoop(study, slots);
    DispatchedTrials trials = new DispatchedTrials(study, dispatcher, asked, loop);
    loop.run(trials);
    trials.planOnce(); // when every trial was replayed and none ran
    if (stopReason == null) {
      for (TrialResult closing : study.closing()) {
        if (!store.ended(closing.info().trialId())) {
          store.append(closing);
        }
      }
    }
    Map<String, StoredTrial> results = new HashMap<>();
    Map<String, StoredTrial> latest = store.latest();
    for (String id : asked) {
      if (latest.containsKey(id)) {
        results.put(id, latest.get(id));
      }
    }
    return results;
  }

  /** True once too many trials failed (search.maxFailedTrials); no more are started. */
  boolean stopped() {
    return stopReason != null;
  }

  String stopReason() {
    return stopReason;
  }

  /** The loop's trials: the dispatcher runs them, the result store keeps and replays them. */
  private final class DispatchedTrials implements StudyLoop.Trials {
    private final Study study;
    private final TrialDispatcher dispatcher;
    private final Set<String> asked;
    private final StudyLoop loop;
    private boolean planned;

    DispatchedTrials(Study study, TrialDispatcher dispatcher, Set<String> asked, StudyLoop loop) {
      this.study = study;
      this.dispatcher = dispatcher;
      this.asked = asked;
      this.loop = loop;
    }

    @Override
    public Optional<StudyLoop.Replay> stored(TrialSpec trial) {
      asked.add(trial.trialId());
      StoredTrial stored = store.latest().get(trial.trialId());
      boolean ended = stored != null
          && (stored.ended() || store.failures(trial.trialId()) > spec.search().maxFailures());
      return ended ? Optional.of(new StudyLoop.Replay(told(stored), stored.askedBefore(), stored.seq()))
          : Optional.empty();
    }

    @Override
    public void submit(TrialSpec trial) {
      dispatcher.submit(trial);
    }

    @Override
    public int inFlight() {
      return dispatcher.inFlight();
    }

    @Override
    public Told next(long asksSoFar) throws IOException, InterruptedException {
      planOnce();
      TrialResult r = dispatcher.next();
      run.checkStillHeld();
      store.append(r, asksSoFar);
      progress.expect(study.expected());
      progress.finished(r, dispatcher.inFlight(), slots);
      if (r instanceof TrialResult.Failed f && ++failedHere >= spec.search().maxFailedTrials()) {
        stopReason = String.format("%d trials failed (search.maxFailedTrials = %d); the last: %s: %s",
            failedHere, spec.search().maxFailedTrials(), f.exceptionClass(), f.message());
      }
      return Told.of(r);
    }

    @Override
    public boolean stopped() {
      return stopReason != null;
    }

    /**
     * The plan line, once the slots are first filled: how many trials there are and how many an
     * earlier run already ended (replayed by then).
     */
    void planOnce() {
      if (!planned) {
        planned = true;
        progress.plan(study.expected(), loop.replayed());
      }
    }
  }

  private static Told told(StoredTrial t) {
    Map<String, String> artifacts = new HashMap<>();
    for (ArtifactRole role : ArtifactRole.values()) {
      if (!role.numbered()) {
        t.artifact(role).ifPresent(key -> artifacts.put(role.entry(), key));
      }
    }
    return new Told(t.trialId(), t.status(), t.params(), t.metrics(), artifacts);
  }
}
