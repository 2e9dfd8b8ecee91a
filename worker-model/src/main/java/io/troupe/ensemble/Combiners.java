package io.troupe.ensemble;

import io.troupe.eval.Predictions;
import java.util.List;

/**
 * Combines members' predictions on the same examples. Soft averaging works for any members
 * (seed 002: "always works"); voting needs class predictions. Sums run in double, in member
 * order, so the result does not depend on when members finished.
 */
public final class Combiners {
  private Combiners() {}

  /** The mean of the members' class probabilities (or regression outputs). */
  public static Predictions average(List<Predictions> members) {
    requireSameShape(members);
    Predictions first = members.get(0);
    double[] sum = new double[first.rows() * first.columns()];
    for (Predictions m : members) {
      float[] values = m.toArray();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += values[i];
      }
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      mean[i] = (float) (sum[i] / members.size());
    }
    return Predictions.fromRows(mean, first.rows(), first.columns());
  }

  /**
   * Hard voting: each member casts its weight for its predicted class. The result holds each
   * class's share of the total weight, so its most probable class is the winner; a tie goes to
   * the lowest class index (as {@link Predictions#predictedClass} breaks ties).
   *
   * @param weights one non-negative weight per member, not all zero; null for one vote each
   */
  public static Vote vote(List<Predictions> members, double[] weights) {
    requireSameShape(members);
    double[] w = weights == null ? ones(members.size()) : weights.clone();
    requireWeights(w, members.size());
    Predictions first = members.get(0);
    int rows = first.rows();
    int classes = first.columns();
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double[] ballots = new double[rows * classes];
    for (int m = 0; m < members.size(); m++) {
      Predictions p = members.get(m);
      for (int r = 0; r < rows; r++) {
        ballots[r * classes + p.predictedClass(r)] += w[m];
      }
    }
    float[] shares = new float[ballots.length];
    for (int i = 0; i < ballots.length; i++) {
      shares[i] = (float) (ballots[i] / total);
    }
    Predictions result = Predictions.fromRows(shares, rows, classes);
    return new Vote(result, countTies(result));
  }

  /** Rows whose largest vote share is held by two or more classes. */
  static int countTies(Predictions shares) {
    int ties = 0;
    for (int r = 0; r < shares.rows(); r++) {
      float top = shares.probability(r, shares.predictedClass(r));
      int holders = 0;
      for (int k = 0; k < shares.columns(); k++) {
        holders += shares.probability(r, k) == top ? 1 : 0;
      }
      ties += holders > 1 ? 1 : 0;
    }
    return ties;
  }

  /** A vote's outcome: class shares per example and how many examples were ties. */
  public record Vote(Predictions shares, int ties) {}

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  private static void requireWeights(double[] w, int members) {
    if (w.length != members) {
      throw new IllegalArgumentException(w.length + " weights for " + members + " members");
    }
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      if (!(w[i] >= 0 && Double.isFinite(w[i]))) {
        throw new IllegalArgumentException("weight " + i + " is " + w[i] + ", must be finite and >= 0");
      }
      total += w[i];
    }
    if (total <= 0) {
      throw new IllegalArgumentException("weights are all zero");
    }
  }

  static void requireSameShape(List<Predictions> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no members to combine");
    }
    Predictions first = members.get(0);
    for (int m = 1; m < members.size(); m++) {
      Predictions p = members.get(m);
      if (p.rows() != first.rows() || p.columns() != first.columns()) {
        throw new IllegalArgumentException("member " + m + " predicts " + p + " but member 0 predicts " + first);
      }
    }
  }
}
