package io.troupe.ensemble;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the strategy comparison: what an ensemble cost and how well it did on the test
 * part.
 *
 * @param strategy how the members were produced (single, true, bagging, snapshots, ...)
 * @param combiner how they were combined ({@code -} for a single model)
 * @param members models (or weight sets) combined
 * @param trainEpochs compute: passes over the training part summed over every training run
 * @param modelsStored storage: parameter sets kept to build and use it (a running average
 *     beside the weights being trained counts 2)
 * @param inferencePasses forward passes per prediction
 * @param figures test figures by column name (accuracy, nll, ... see {@link ComparisonTable#COLUMNS});
 *     absent when not applicable
 */
public record ComparisonRow(String strategy, String combiner, int members, double trainEpochs, int modelsStored,
    int inferencePasses, Map<String, Double> figures) {

  public ComparisonRow {
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** "true / average", or the strategy alone when there is no combiner ("single"): how rows are named to people. */
  public static String label(String strategy, String combiner) {
    return combiner.isBlank() || combiner.equals("-") ? strategy : strategy + " / " + combiner;
  }

  public String label() {
    return label(strategy, combiner);
  }

  public double figure(String name) {
    Double v = figures.get(name);
    return v == null ? Double.NaN : v;
  }
}
