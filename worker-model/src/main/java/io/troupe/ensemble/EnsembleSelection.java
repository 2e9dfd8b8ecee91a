package io.troupe.ensemble;

import io.troupe.eval.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes, 2004):
 * starting from the best {@code initial} candidates, repeatedly add the candidate (possibly one
 * already in) whose addition most improves the validation score of the weighted average, for
 * {@code steps} additions. A member's weight is the number of times it was chosen. The search runs
 * on validation predictions only; test predictions are combined with the weights it chose.
 *
 * <p>Bagged selection (the paper's remedy for overfitting the validation set with many
 * candidates) runs the selection {@code bags} times, each on a random {@code bagFraction} of the
 * candidates, and sums the weights.
 *
 * <p>Deterministic: ties go to the lowest candidate index, and bags draw from a seeded generator.
 */
public final class EnsembleSelection {
  private EnsembleSelection() {}

  /**
   * One addition.
   *
   * @param candidate the index of the candidate added (for the initial members, in rank order)
   * @param validationScore the score of the weighted average after this addition (higher is better)
   * @param counts how often each candidate has been chosen so far
   */
  public record Step(int candidate, double validationScore, int[] counts) {
    public Step {
      counts = counts.clone();
    }

    @Override
    public int[] counts() {
      return counts.clone();
    }

    public int members() {
      return Arrays.stream(counts).sum();
    }
  }

  /** The chosen weights (counts) and every step that led to them, initial members first. */
  public record Result(int[] counts, List<Step> steps) {
    public Result {
      counts = counts.clone();
      steps = List.copyOf(steps);
    }

    @Override
    public int[] counts() {
      return counts.clone();
    }

    /** Weights that sum to 1. */
    public double[] weights() {
      double total = Arrays.stream(counts).sum();
      return Arrays.stream(counts).mapToDouble(c -> c / total).toArray();
    }

    /** Candidates with a non-zero weight. */
    public int distinctMembers() {
      return (int) Arrays.stream(counts).filter(c -> c > 0).count();
    }
  }

  /**
   * @param validation each candidate's validation predictions, all of one shape
   * @param score the objective on validation predictions, higher is better (e.g. accuracy, or minus
   *     the NLL or MSE)
   * @param initial how many of the best single candidates start the ensemble (at least 1)
   * @param steps additions after the initial members
   */
  public static Result select(List<Predictions> validation, ToDoubleFunction<Predictions> score, int initial,
      int steps) {
    return selectAmong(validation, allIndices(validation.size()), score, initial, steps);
  }

  /**
   * Bagged selection: {@code bags} selections, each among a random {@code bagFraction} of the
   * candidates (at least one), their counts summed. Its steps are those of the summed weights,
   * bag by bag.
   */
  public static Result bagged(List<Predictions> validation, ToDoubleFunction<Predictions> score, int initial,
      int steps, int bags, double bagFraction, long seed) {
    if (bags < 1 || !(bagFraction > 0 && bagFraction <= 1)) {
      throw new IllegalArgumentException("bags must be >= 1 and bagFraction in (0, 1], got " + bags + ", " + bagFraction);
    }
    int n = validation.size();
    int perBag = Math.max(1, (int) Math.round(bagFraction * n));
    Random random = new Random(seed);
    int[] total = new int[n];
    List<Step> trace = new ArrayList<>();
    for (int b = 0; b < bags; b++) {
      int[] pool = shuffled(n, random);
      int[] chosen = Arrays.copyOf(pool, perBag);
      Arrays.sort(chosen);
      Result r = selectAmong(validation, chosen, score, Math.min(initial, perBag), steps);
      for (int i = 0; i < n; i++) {
        total[i] += r.counts()[i];
      }
      trace.add(new Step(-1, score.applyAsDouble(weighted(validation, total)), total));
    }
    return new Result(total, trace);
  }

  /** The candidates' predictions averaged with weights proportional to {@code counts}. */
  public static Predictions weighted(List<Predictions> members, int[] counts) {
    Predictions first = members.get(0);
    double[] sum = new double[first.rows() * first.columns()];
    int total = 0;
    for (int m = 0; m < members.size(); m++) {
      if (counts[m] > 0) {
        add(sum, members.get(m), counts[m]);
        total += counts[m];
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("no member has a weight");
    }
    return mean(sum, total, first);
  }

  private static Result selectAmong(List<Predictions> validation, int[] pool, ToDoubleFunction<Predictions> score,
      int initial, int steps) {
    if (pool.length == 0) {
      throw new IllegalArgumentException("no candidates to select from");
    }
    if (initial < 1 || steps < 0) {
      throw new IllegalArgumentException("initial must be >= 1 and steps >= 0, got " + initial + ", " + steps);
    }
    Predictions first = validation.get(pool[0]);
    for (int i : pool) {
      Predictions p = validation.get(i);
      if (p.rows() != first.rows() || p.columns() != first.columns()) {
        throw new IllegalArgumentException("candidate " + i + " has " + p.rows() + "x" + p.columns()
            + " validation predictions, candidate " + pool[0] + " " + first.rows() + "x" + first.columns());
      }
    }
    int[] counts = new int[validation.size()];
    double[] sum = new double[first.rows() * first.columns()];
    List<Step> trace = new ArrayList<>();
    int members = 0;
    // Initial members: the best single candidates, in rank order (ties to the lower index).
    Integer[] ranked = Arrays.stream(pool).boxed().toArray(Integer[]::new);
    double[] alone = new double[validation.size()];
    for (int i : pool) {
      alone[i] = score.applyAsDouble(validation.get(i));
    }
    Arrays.sort(ranked, (a, b) -> alone[a] != alone[b] ? Double.compare(alone[b], alone[a]) : Integer.compare(a, b));
    for (int k = 0; k < Math.min(initial, pool.length); k++) {
      int c = ranked[k];
      add(sum, validation.get(c), 1);
      counts[c]++;
      members++;
      trace.add(new Step(c, score.applyAsDouble(mean(sum, members, first)), counts));
    }
    for (int s = 0; s < steps; s++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c : pool) {
        // The running sum is left as it is: adding and taking a candidate back out would drift it.
        double tried = score.applyAsDouble(meanWith(sum, validation.get(c), members + 1, first));
        if (tried > bestScore) {
          bestScore = tried;
          best = c;
        }
      }
      add(sum, validation.get(best), 1);
      counts[best]++;
      members++;
      trace.add(new Step(best, bestScore, counts));
    }
    return new Result(counts, trace);
  }

  private static void add(double[] sum, Predictions p, int times) {
    float[] values = p.toArray();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += times * (double) values[i];
    }
  }

  /** The mean of the members in {@code sum} and {@code candidate}, {@code members} in all. */
  private static Predictions meanWith(double[] sum, Predictions candidate, int members, Predictions shape) {
    float[] values = candidate.toArray();
    float[] out = new float[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((sum[i] + values[i]) / members);
    }
    return Predictions.fromRows(out, shape.rows(), shape.columns());
  }

  private static Predictions mean(double[] sum, int members, Predictions shape) {
    float[] out = new float[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sum[i] / members);
    }
    return Predictions.fromRows(out, shape.rows(), shape.columns());
  }

  private static int[] allIndices(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  private static int[] shuffled(int n, Random random) {
    int[] a = allIndices(n);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
