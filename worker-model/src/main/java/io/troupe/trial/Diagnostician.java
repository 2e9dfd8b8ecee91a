package io.troupe.trial;

import io.troupe.trial.Diagnosis.FitVerdict;
import io.troupe.trial.Diagnosis.LearningRateVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trial's curves the way the seeds teach (seed 000 "too small: flat line ... slightly too
 * big: chaotic ... way too big: divergence"; seed 004 on over/under-fitting). The thresholds are
 * rules of thumb and are stated in each note with the numbers that triggered it.
 */
public final class Diagnostician {
  /** Training loss must fall by at least this share of its initial value, or the curve is flat. */
  static final double FLAT_DROP = 0.05;
  /** An epoch whose mean training loss rises by more than this share counts as a bounce. */
  static final double BOUNCE = 0.02;
  /** Train accuracy above validation accuracy by more than this is overfitting. */
  static final double OVERFIT_GAP = 0.05;
  /** Validation loss this far above its best, at the end, is overfitting too. */
  static final double VAL_RISE = 1.10;
  /** Underfitting needs a loss still worth lowering: above this share of the initial loss. */
  static final double UNDERFIT_FLOOR = 0.05;

  private Diagnostician() {}

  public static Diagnosis diagnose(List<EpochStats> history, double initialLoss, boolean diverged) {
    List<String> notes = new ArrayList<>();
    LearningRateVerdict lr = diverged ? LearningRateVerdict.DIVERGED : learningRate(history, initialLoss, notes);
    FitVerdict fit = fit(history, initialLoss, notes);
    return new Diagnosis(lr, fit, notes);
  }

  private static LearningRateVerdict learningRate(List<EpochStats> history, double initialLoss, List<String> notes) {
    if (history.isEmpty() || !Double.isFinite(initialLoss) || initialLoss <= 0) {
      return LearningRateVerdict.FINE;
    }
    double last = history.get(history.size() - 1).trainLoss();
    double drop = (initialLoss - last) / initialLoss;
    if (drop < FLAT_DROP) {
      notes.add(String.format("flat: training loss %.4g -> %.4g (%.1f%% drop < %.0f%%); raise the learning rate",
          initialLoss, last, 100 * drop, 100 * FLAT_DROP));
      return LearningRateVerdict.TOO_SMALL_FLAT;
    }
    int bounces = 0;
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).trainLoss() > history.get(i - 1).trainLoss() * (1 + BOUNCE)) {
        bounces++;
      }
    }
    int transitions = history.size() - 1;
    if (transitions >= 2 && bounces * 3 >= transitions) {
      notes.add(String.format("chaotic: training loss rose in %d of %d epochs; lower the learning rate",
          bounces, transitions));
      return LearningRateVerdict.TOO_LARGE_CHAOTIC;
    }
    return LearningRateVerdict.FINE;
  }

  private static FitVerdict fit(List<EpochStats> history, double initialLoss, List<String> notes) {
    if (history.isEmpty()) {
      return FitVerdict.UNKNOWN;
    }
    EpochStats last = history.get(history.size() - 1);
    double bestVal = history.stream().mapToDouble(EpochStats::valLoss).filter(Double::isFinite).min().orElse(Double.NaN);
    double gap = last.trainAccuracy() - last.valAccuracy();
    if (Double.isFinite(gap) && gap > OVERFIT_GAP) {
      notes.add(String.format("overfitting: train accuracy %.4f vs validation %.4f (gap %.3f > %.2f); add regularisation",
          last.trainAccuracy(), last.valAccuracy(), gap, OVERFIT_GAP));
      return FitVerdict.OVERFITTING;
    }
    if (Double.isFinite(bestVal) && last.valLoss() > VAL_RISE * bestVal) {
      notes.add(String.format("overfitting: validation loss %.4g is %.0f%% above its best %.4g",
          last.valLoss(), 100 * (last.valLoss() / bestVal - 1), bestVal));
      return FitVerdict.OVERFITTING;
    }
    if (history.size() >= 2) {
      double before = history.get(history.size() - 2).trainEvalLoss();
      double fall = (before - last.trainEvalLoss()) / before;
      boolean noGap = Double.isFinite(last.valLoss()) && last.valLoss() <= last.trainEvalLoss() * 1.02;
      boolean stillHigh = !Double.isFinite(initialLoss) || last.trainEvalLoss() > UNDERFIT_FLOOR * initialLoss;
      if (noGap && stillHigh && fall > BOUNCE) {
        notes.add(String.format("underfitting: validation loss %.4g ~ train loss %.4g, still falling %.1f%%/epoch; train longer or add capacity",
            last.valLoss(), last.trainEvalLoss(), 100 * fall));
        return FitVerdict.UNDERFITTING;
      }
    }
    return FitVerdict.GOOD;
  }
}
