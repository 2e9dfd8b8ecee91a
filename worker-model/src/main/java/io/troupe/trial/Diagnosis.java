package io.troupe.trial;

import java.io.Serializable;
import java.util.List;

/**
 * A reading of a trial's curves (seeds 000, 002, 004), with the numbers behind it in {@code notes}.
 */
public record Diagnosis(LearningRateVerdict learningRate, FitVerdict fit, List<String> notes)
    implements Serializable {

  public Diagnosis {
    notes = List.copyOf(notes);
  }

  /** The seeds' loss-curve reading of the learning rate. */
  public enum LearningRateVerdict { TOO_SMALL_FLAT, FINE, TOO_LARGE_CHAOTIC, DIVERGED }

  /** Over- or under-fitting, from the train/validation gap. */
  public enum FitVerdict { OVERFITTING, UNDERFITTING, GOOD, UNKNOWN }
}
