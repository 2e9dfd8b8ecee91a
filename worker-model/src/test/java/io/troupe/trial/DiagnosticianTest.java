package io.troupe.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.trial.Diagnosis.FitVerdict;
import io.troupe.trial.Diagnosis.LearningRateVerdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeds' curve readings, on hand-made histories. */
class DiagnosticianTest {
  /** Epochs with the given training losses; train/val evaluation figures follow trainEval/val. */
  private static List<EpochStats> history(double[] train, double[] trainEval, double[] val, double trainAcc, double valAcc) {
    List<EpochStats> h = new ArrayList<>();
    for (int i = 0; i < train.length; i++) {
      h.add(new EpochStats(i + 1, train[i], trainEval[i], trainAcc, val[i], valAcc, 0.01, 1, List.of(), 1));
    }
    return h;
  }

  @Test
  void aFlatCurveMeansTheRateIsTooSmall() {
    double[] loss = {2.30, 2.29, 2.28};
    Diagnosis d = Diagnostician.diagnose(history(loss, loss, loss, 0.1, 0.1), 2.31, false);
    assertEquals(LearningRateVerdict.TOO_SMALL_FLAT, d.learningRate());
    assertTrue(d.notes().get(0).contains("flat"), d.notes().toString());
  }

  @Test
  void aBouncingCurveMeansTheRateIsTooLarge() {
    double[] loss = {1.0, 1.3, 0.9, 1.2, 0.8, 1.1};
    Diagnosis d = Diagnostician.diagnose(history(loss, loss, loss, 0.6, 0.6), 2.3, false);
    assertEquals(LearningRateVerdict.TOO_LARGE_CHAOTIC, d.learningRate());
  }

  @Test
  void aSteadyDeclineIsFine() {
    double[] loss = {1.0, 0.7, 0.5, 0.4};
    Diagnosis d = Diagnostician.diagnose(history(loss, loss, new double[] {1.0, 0.75, 0.6, 0.55}, 0.9, 0.88), 2.3, false);
    assertEquals(LearningRateVerdict.FINE, d.learningRate());
    assertEquals(FitVerdict.GOOD, d.fit());
  }

  @Test
  void divergedOverridesTheCurve() {
    double[] loss = {1.0};
    assertEquals(LearningRateVerdict.DIVERGED, Diagnostician.diagnose(history(loss, loss, loss, 0.5, 0.5), 2.3, true).learningRate());
  }

  @Test
  void aLargeTrainValidationGapIsOverfitting() {
    double[] loss = {1.0, 0.5, 0.2};
    Diagnosis d = Diagnostician.diagnose(history(loss, loss, new double[] {1.0, 0.6, 0.55}, 0.99, 0.85), 2.3, false);
    assertEquals(FitVerdict.OVERFITTING, d.fit());
  }

  @Test
  void aRisingValidationLossIsOverfitting() {
    double[] loss = {1.0, 0.5, 0.3};
    Diagnosis d = Diagnostician.diagnose(history(loss, loss, new double[] {0.6, 0.5, 0.7}, 0.9, 0.88), 2.3, false);
    assertEquals(FitVerdict.OVERFITTING, d.fit());
  }

  @Test
  void noGapWhileStillImprovingIsUnderfitting() {
    double[] train = {1.5, 1.2, 1.0};
    Diagnosis d = Diagnostician.diagnose(history(train, train, new double[] {1.5, 1.2, 1.0}, 0.6, 0.6), 2.3, false);
    assertEquals(FitVerdict.UNDERFITTING, d.fit());
  }

  @Test
  void aTinyLossIsNotUnderfittingEvenWithoutAGap() {
    double[] train = {0.01, 0.005, 0.003};
    Diagnosis d = Diagnostician.diagnose(history(train, train, train, 1.0, 1.0), 2.3, false);
    assertEquals(FitVerdict.GOOD, d.fit());
  }
}
