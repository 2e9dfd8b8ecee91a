package io.troupe.train;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.eval.Predictions;
import io.troupe.train.averaging.ExponentialAverage;
import io.troupe.train.averaging.RunningAverage;
import io.troupe.trial.Diagnosis;
import io.troupe.trial.Diagnostician;
import io.troupe.trial.DivergencePoint;
import io.troupe.trial.ProvenanceReader;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialMetrics;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.troupe.model.Network;

/**
 * Runs one trial inside one task (no Spark here): {@code run(TrialSpec, DataSplits) -> TrialResult}.
 * It never throws: divergence and failures come back as {@link TrialResult.Diverged} and
 * {@link TrialResult.Failed} values, so the rest of a sweep goes on.
 */
public final class TrialRunner {
  private final ArtifactStore store;
  private final TrialProgress progress;

  public TrialRunner(ArtifactStore store, TrialProgress progress) {
    this.store = store;
    this.progress = progress;
  }

  public TrialResult run(TrialSpec trial, DataSplits splits) {
    return run(trial, splits, null);
  }

  /** As {@link #run(TrialSpec, DataSplits)}, with the epochs fitted by {@code fitter} (a data-parallel trial) when non-null. */
  public TrialResult run(TrialSpec trial, DataSplits splits, EpochFitter fitter) {
    long start = System.nanoTime();
    TrainingSession session = null;
    try {
      ExperimentSpec spec = trial.experiment();
      session = new TrainingSession(trial, spec, splits, store, progress, fitter);
      Optional<DivergencePoint> diverged = session.train();
      if (diverged.isPresent()) {
        return diverged(trial, splits, session, diverged.get(), start);
      }
      return completed(trial, splits, session, start);
    } catch (Throwable t) {
      return failed(trial, splits, session, t, start);
    }
  }

  private TrialResult completed(TrialSpec trial, DataSplits splits, TrainingSession session, long start) {
    Map<String, Double> metrics = baseMetrics(session);
    Network net = session.network();
    Predictions[] predictions = session.predict(net);
    TrialMetrics.put(metrics, "val", predictions[0], splits.validation());
    TrialMetrics.put(metrics, "test", predictions[1], splits.test());
    Predictions outOfBag = null;
    if (session.outOfBag() != null) {
      outOfBag = Evaluator.predict(net, session.sources().outOfBagSource());
      TrialMetrics.put(metrics, "oob", outOfBag, session.sources().outOfBagSource().data());
    }
    session.saveModel();
    session.savePredictions(ArtifactRole.PREDICTIONS_VAL, predictions[0]);
    session.savePredictions(ArtifactRole.PREDICTIONS_TEST, predictions[1]);
    if (outOfBag != null) {
      // In the order of the out-of-bag rows, so a bagged ensemble can score its own OOB estimate.
      session.savePredictions(ArtifactRole.PREDICTIONS_OOB, outOfBag);
    }
    RunningAverage swa = session.averages().swa();
    if (swa != null) {
      scoreAverage(ArtifactRole.SWA, session.withParams(swa.average()), session, splits, metrics);
    }
    ExponentialAverage ema = session.averages().ema();
    if (ema != null) {
      scoreAverage(ArtifactRole.EMA, session.withParams(ema.average()), session, splits, metrics);
    }
    double seconds = seconds(start);
    // The rows one epoch trained on: the training part, or a bagged member's sample, or a shard.
    metrics.put("train_rows", (double) trainRows(session));
    metrics.put("samples_per_second", session.iterations() == 0 ? 0.0
        : trainedSamples(session) / trainSeconds(session));
    TrialInfo info = info(trial, splits, session, metrics, false, seconds);
    return new TrialResult.Completed(info, predictions[0], predictions[1], session.outOfBag());
  }

  private void scoreAverage(ArtifactRole role, Network averaged, TrainingSession session, DataSplits splits,
      Map<String, Double> metrics) {
    Predictions[] p = session.predict(averaged);
    TrialMetrics.put(metrics, role.entry() + "_val", p[0], splits.validation());
    TrialMetrics.put(metrics, role.entry() + "_test", p[1], splits.test());
    session.saveAveraged(role, averaged);
  }

  private TrialResult diverged(TrialSpec trial, DataSplits splits, TrainingSession session, DivergencePoint at,
      long start) {
    Map<String, Double> metrics = baseMetrics(session);
    metrics.put("diverged_loss", at.loss());
    return new TrialResult.Diverged(info(trial, splits, session, metrics, true, seconds(start)), at);
  }

  private TrialResult failed(TrialSpec trial, DataSplits splits, TrainingSession session, Throwable t, long start) {
    Map<String, Double> metrics = session == null ? new TreeMap<>() : baseMetrics(session);
    TrialInfo info = session == null
        ? TrialInfo.untrained(trial.trialId(), trial.params(), trial.seed(), metrics,
            ProvenanceReader.read(splits.sourceFingerprint()), seconds(start))
        : info(trial, splits, session, metrics, false, seconds(start));
    return new TrialResult.Failed(info, t.getClass().getName(), message(t));
  }

  /** The message plus where it was thrown: a bare NullPointerException says nothing otherwise. */
  private static String message(Throwable t) {
    StringBuilder s = new StringBuilder(String.valueOf(t.getMessage()));
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < Math.min(3, trace.length); i++) {
      s.append(i == 0 ? " at " : " < ").append(trace[i]);
    }
    return s.toString();
  }

  private static Map<String, Double> baseMetrics(TrainingSession session) {
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("initial_loss", session.initialLoss());
    metrics.put("epochs_run", (double) session.history().size());
    if (session.fitter() != null) {
      metrics.putAll(session.fitter().metrics());
    }
    if (!session.history().isEmpty()) {
      // The epoch whose weights the trial ends with: the last, or the best one early stopping restored.
      double[] kept = session.keptTrainFigures();
      metrics.put("train_loss", kept[0]);
      metrics.put("train_accuracy", kept[1]);
    }
    if (session.stoppedAt() > 0) {
      metrics.put("stopped_epoch", (double) session.stoppedAt());
    }
    if (session.bestEpoch() > 0) {
      metrics.put("best_epoch", (double) session.bestEpoch());
    }
    return metrics;
  }

  private static TrialInfo info(TrialSpec trial, DataSplits splits, TrainingSession session,
      Map<String, Double> metrics, boolean diverged, double seconds) {
    Diagnosis diagnosis = Diagnostician.diagnose(session.history(), session.initialLoss(), diverged);
    return new TrialInfo(trial.trialId(), trial.params(), trial.seed(), session.history(), metrics, diagnosis,
        ProvenanceReader.read(splits.sourceFingerprint()), seconds, session.artifacts());
  }

  private static double trainedSamples(TrainingSession session) {
    return (double) trainRows(session) * session.history().size();
  }

  /** What one epoch trained on: the fitter's rows, across its workers, or the trial's own. */
  private static int trainRows(TrainingSession session) {
    return session.fitter() != null ? session.fitter().trainRows() : session.sources().train().size();
  }

  private static double trainSeconds(TrainingSession session) {
    return session.history().stream().mapToDouble(e -> e.seconds()).sum();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
