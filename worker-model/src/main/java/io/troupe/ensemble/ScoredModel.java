package io.troupe.ensemble;

import io.troupe.eval.Predictions;
import java.io.Serializable;

/** A saved model (by artifact key) and its predictions on the validation and test parts. */
public record ScoredModel(String key, Predictions validation, Predictions test) implements Serializable {

  public ScoredModel withTest(Predictions scored) {
    return new ScoredModel(key, validation, scored);
  }
}
