package io.troupe.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says in words which rows of a comparison differ from its baseline (the first row: the single
 * model, or a sweep's best trial) by more than noise, from the p-values in the rows
 * ({@link ComparisonUncertainty}). Each row is tested on its own: among many rows, about one in
 * twenty clears p &lt; 0.05 by chance.
 */
public final class BaselineTests {
  /** The conventional threshold: at or above it, a difference is not told apart from noise. */
  public static final double ALPHA = 0.05;
  private static final List<String> TESTED = List.of("accuracy", "nll", "mse");

  private BaselineTests() {}

  /** One sentence per tested figure; none when no row has a p-value. */
  public static List<String> sentences(List<ComparisonRow> rows) {
    List<String> out = new ArrayList<>();
    if (rows.size() < 2) {
      return out;
    }
    ComparisonRow baseline = rows.get(0);
    for (String figure : TESTED) {
      List<String> noise = new ArrayList<>();
      List<String> differ = new ArrayList<>();
      for (ComparisonRow r : rows.subList(1, rows.size())) {
        double p = r.figure(figure + "_p");
        if (Double.isFinite(p)) {
          String item = r.label() + " (" + difference(figure, r.figure(figure) - baseline.figure(figure)) + ", p "
              + p(p) + ")";
          (p >= ALPHA ? noise : differ).add(item);
        }
      }
      if (noise.isEmpty() && differ.isEmpty()) {
        continue;
      }
      String test = figure.equals("accuracy") ? "McNemar's exact test" : "paired bootstrap";
      StringBuilder s = new StringBuilder(figure + " against " + baseline.label() + " (the same test examples, "
          + test + "): ");
      if (!noise.isEmpty()) {
        s.append("not distinguishable from noise (p >= ").append(ALPHA).append("): ").append(String.join(", ", noise));
      }
      if (!differ.isEmpty()) {
        s.append(noise.isEmpty() ? "" : "; ").append("different (p < ").append(ALPHA).append("): ")
            .append(String.join(", ", differ));
      }
      out.add(s.append('.').toString());
    }
    return out;
  }

  /** "= 0.214", or "< 0.001" below what 2000 resamples can resolve anyway. */
  public static String p(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
  }

  /** Accuracy in percentage points, the others in their own units, signed. */
  private static String difference(String figure, double d) {
    return figure.equals("accuracy") ? String.format(Locale.ROOT, "%+.2f pp", 100 * d)
        : String.format(Locale.ROOT, "%+.4f", d);
  }
}
