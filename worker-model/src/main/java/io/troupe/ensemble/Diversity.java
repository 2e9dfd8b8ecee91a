package io.troupe.ensemble;

import io.troupe.eval.Predictions;
import java.util.List;

/**
 * How much an ensemble's members differ, which bounds what combining them can gain.
 *
 * @param meanMemberAccuracy mean of the members' own accuracies
 * @param oracleAccuracy fraction of examples at least one member gets right (an upper bound for
 *     any combiner that picks one member's answer)
 * @param disagreement mean over member pairs of the fraction of examples on which their
 *     predicted classes differ; 0 for one member
 */
public record Diversity(double meanMemberAccuracy, double oracleAccuracy, double disagreement) {

  public static Diversity of(List<Predictions> members, int[] labels) {
    Combiners.requireSameShape(members);
    int rows = labels.length;
    if (members.get(0).rows() != rows || rows == 0) {
      throw new IllegalArgumentException(members.get(0) + " against " + rows + " labels");
    }
    int[][] predicted = new int[members.size()][rows];
    double accuracySum = 0;
    boolean[] anyRight = new boolean[rows];
    for (int m = 0; m < members.size(); m++) {
      int right = 0;
      for (int r = 0; r < rows; r++) {
        predicted[m][r] = members.get(m).predictedClass(r);
        boolean ok = predicted[m][r] == labels[r];
        right += ok ? 1 : 0;
        anyRight[r] |= ok;
      }
      accuracySum += (double) right / rows;
    }
    int oracle = 0;
    for (boolean b : anyRight) {
      oracle += b ? 1 : 0;
    }
    double pairs = 0;
    double differ = 0;
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        int d = 0;
        for (int r = 0; r < rows; r++) {
          d += predicted[a][r] != predicted[b][r] ? 1 : 0;
        }
        differ += (double) d / rows;
        pairs++;
      }
    }
    return new Diversity(accuracySum / members.size(), (double) oracle / rows, pairs == 0 ? 0 : differ / pairs);
  }
}
