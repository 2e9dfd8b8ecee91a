package io.troupe.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hyperband's brackets (Li et al., JMLR 2018) run as ASHA brackets (Li et al., MLSys 2020,
 * asynchronous Hyperband). Bracket s starts its trials at the s-th rung of minEpochs * reduction^k
 * ... maxEpochs, so it stops fewer trials and stops them later. A fixed number of trials is split
 * across the brackets in Hyperband's proportions: with R rungs, bracket s gets a share of
 * R / (R - s) * reduction^(R - 1 - s), so a total equal to Hyperband's gives exactly its brackets
 * (27, 12, 6 and 4 trials for 1 to 27 epochs, reduction 3).
 */
public final class HyperbandBrackets {
  /** One bracket: its index s, the epochs of its first rung and the trials it samples. */
  public record Bracket(int index, int minEpochs, int trials) {}

  private HyperbandBrackets() {}

  /**
   * The first {@code brackets} brackets and their trials, largest remainders rounding the shares
   * (ties to the lower bracket); every bracket gets at least one trial, taken from the largest.
   */
  public static List<Bracket> plan(int minEpochs, int maxEpochs, int reduction, int brackets, int trials) {
    List<Integer> rungs = AshaScheduler.rungs(minEpochs, maxEpochs, reduction);
    if (brackets < 1 || brackets > rungs.size() || trials < brackets) {
      throw new IllegalArgumentException("hyperband needs 1 <= brackets <= " + rungs.size() + " (the rungs) and at"
          + " least one trial per bracket, got " + brackets + " brackets and " + trials + " trials");
    }
    int r = rungs.size();
    double[] share = new double[brackets];
    for (int s = 0; s < brackets; s++) {
      share[s] = (double) r / (r - s) * Math.pow(reduction, r - 1 - s);
    }
    int[] counts = apportion(share, trials);
    List<Bracket> plan = new ArrayList<>();
    for (int s = 0; s < brackets; s++) {
      plan.add(new Bracket(s, rungs.get(s), counts[s]));
    }
    return plan;
  }

  private static int[] apportion(double[] share, int total) {
    double sum = 0;
    for (double w : share) {
      sum += w;
    }
    int[] counts = new int[share.length];
    double[] remainder = new double[share.length];
    int given = 0;
    for (int s = 0; s < share.length; s++) {
      double exact = share[s] / sum * total;
      counts[s] = (int) Math.floor(exact); // 26.999... for 27 has the largest remainder, so it gets its 27th
      remainder[s] = exact - counts[s];
      given += counts[s];
    }
    List<Integer> byRemainder = IntStream.range(0, share.length).boxed()
        .sorted(Comparator.comparingDouble((Integer s) -> -remainder[s]).thenComparing(s -> s)).toList();
    for (int i = 0; given < total; i++, given++) {
      counts[byRemainder.get(i)]++;
    }
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] == 0) {
        counts[largest(counts)]--;
        counts[s] = 1;
      }
    }
    return counts;
  }

  private static int largest(int[] counts) {
    int at = 0;
    for (int s = 1; s < counts.length; s++) {
      if (counts[s] > counts[at]) {
        at = s;
      }
    }
    return at;
  }
}
