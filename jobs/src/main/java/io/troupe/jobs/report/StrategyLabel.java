package io.troupe.jobs.report;

import io.troupe.ensemble.ComparisonRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a strategy and its combiner read in charts: "bagging / vote", or "single" when there is no combiner. */
final class StrategyLabel {
  private StrategyLabel() {}

  static String of(String strategy, String combiner) {
    return ComparisonRow.label(strategy, combiner);
  }

  /** The labels with repeats numbered ("bagging / vote #2"): chart series need distinct names. */
  static List<String> distinct(List<String> labels) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String label : labels) {
      int n = seen.merge(label, 1, Integer::sum);
      out.add(n == 1 ? label : label + " #" + n);
    }
    return out;
  }
}
