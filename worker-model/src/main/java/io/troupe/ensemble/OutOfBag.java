package io.troupe.ensemble;

import io.troupe.config.Combiner;
import io.troupe.eval.Predictions;
import java.util.List;

/**
 * The bagged ensemble's out-of-bag accuracy (Breiman 1996): each training example is predicted
 * by combining only the members whose bootstrap sample left it out, so the estimate needs no
 * held-out data. Examples that every sample drew are skipped.
 */
public final class OutOfBag {
  private OutOfBag() {}

  /**
   * @param labels the training part's labels
   * @param rows per member, its out-of-bag row indices into the training part
   * @param predictions per member, its predictions on those rows, in the same order
   * @param weights per member, for weighted-vote (null: equal)
   * @return the accuracy over examples out of bag for at least one member, or NaN if none are
   */
  public static double accuracy(int[] labels, List<int[]> rows, List<Predictions> predictions, Combiner combiner,
      double[] weights) {
    if (combiner == Combiner.PARAMETER_AVERAGE) {
      throw new IllegalArgumentException("out-of-bag accuracy needs a prediction combiner");
    }
    int classes = predictions.get(0).columns();
    double[] score = new double[labels.length * classes];
    boolean[] covered = new boolean[labels.length];
    for (int m = 0; m < rows.size(); m++) {
      int[] oob = rows.get(m);
      Predictions p = predictions.get(m);
      if (p.rows() != oob.length) {
        throw new IllegalArgumentException("member " + m + ": " + p.rows() + " predictions for " + oob.length + " out-of-bag rows");
      }
      double w = combiner == Combiner.WEIGHTED_VOTE && weights != null ? weights[m] : 1.0;
      for (int j = 0; j < oob.length; j++) {
        int row = oob[j];
        covered[row] = true;
        if (combiner == Combiner.AVERAGE) {
          for (int k = 0; k < classes; k++) {
            score[row * classes + k] += p.probability(j, k);
          }
        } else {
          score[row * classes + p.predictedClass(j)] += w;
        }
      }
    }
    int right = 0;
    int counted = 0;
    for (int row = 0; row < labels.length; row++) {
      if (covered[row]) {
        counted++;
        right += argmax(score, row * classes, classes) == labels[row] ? 1 : 0;
      }
    }
    return counted == 0 ? Double.NaN : (double) right / counted;
  }

  /** Ties go to the lowest class index, as everywhere else. */
  private static int argmax(double[] v, int from, int n) {
    int best = 0;
    for (int k = 1; k < n; k++) {
      if (v[from + k] > v[from + best]) {
        best = k;
      }
    }
    return best;
  }
}
