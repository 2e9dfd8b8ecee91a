package io.troupe.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rows whose score is far from all the others (a negative control at chance: 0.10 beside 0.85) are
 * left off a chart's zoomed axis and named under it instead: drawn, they would squeeze the tenths
 * of a point that matter into a few pixels. The first row, the baseline, is always drawn.
 */
final class FarRows {
  /** How many spreads from the median a score may be and still be drawn. */
  static final double SPREADS = 10;
  /** The smallest spread, as a share of the median: identical scores must not make a near one "far". */
  static final double MIN_RELATIVE_SPREAD = 0.01;

  private FarRows() {}

  /** The far rows of a comparison's scored rows, by their scores and intervals. */
  static Set<Integer> in(Comparison comparison, List<CsvTable.Row> scored) {
    String name = comparison.metric().name();
    return of(scored.stream().map(comparison::score).toList(), scored.stream().map(r -> comparison.interval(r, name))
        .map(i -> i == null ? Double.NaN : i.width() / 2).toList());
  }

  /**
   * The indices of far scores. The spread is the larger of the scores' median absolute deviation,
   * the median half-width of their intervals (NaN when a row has none) and 1% of the median.
   */
  static Set<Integer> of(List<Double> scores, List<Double> halfWidths) {
    Set<Integer> far = new TreeSet<>();
    if (scores.size() < 3) {
      return far;
    }
    double median = median(scores);
    List<Double> deviations = scores.stream().map(s -> Math.abs(s - median)).toList();
    List<Double> widths = halfWidths.stream().filter(Double::isFinite).toList();
    double spread = Math.max(median(deviations), Math.abs(median) * MIN_RELATIVE_SPREAD);
    if (!widths.isEmpty()) {
      spread = Math.max(spread, median(widths));
    }
    for (int i = 1; i < scores.size(); i++) {
      if (Math.abs(scores.get(i) - median) > SPREADS * spread) {
        far.add(i);
      }
    }
    return far;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
