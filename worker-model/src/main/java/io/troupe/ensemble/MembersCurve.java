package io.troupe.ensemble;

import io.troupe.config.Combiner;
import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.eval.Predictions;
import java.util.ArrayList;
import java.util.List;

/**
 * How an ensemble improves as members are added: the test accuracy (MSE for regression) of the
 * first k members combined, for k = 1..M, in the members' planned order.
 */
public final class MembersCurve {
  public static final String HEADER = "strategy,combiner,members,accuracy,mse";

  /** One point of the curve; {@code value} is accuracy, or MSE for regression. */
  public record Point(String strategy, String combiner, int members, double value, boolean regression) {
    String csv() {
      return strategy + "," + combiner + "," + members + "," + (regression ? "," + value : value + ",");
    }
  }

  private MembersCurve() {}

  /** Points for a prediction combiner (average, vote or weighted-vote; weights per member, may be null). */
  public static List<Point> of(String strategy, Combiner combiner, List<Predictions> members, double[] weights,
      Dataset test) {
    List<Point> points = new ArrayList<>();
    for (int k = 1; k <= members.size(); k++) {
      List<Predictions> first = members.subList(0, k);
      Predictions combined = switch (combiner) {
        case AVERAGE -> Combiners.average(first);
        case VOTE -> Combiners.vote(first, null).shares();
        case WEIGHTED_VOTE -> Combiners.vote(first, weights == null ? null : java.util.Arrays.copyOf(weights, k)).shares();
        case PARAMETER_AVERAGE -> throw new IllegalArgumentException("the members curve covers prediction combiners only");
      };
      points.add(new Point(strategy, combiner.configName(), k, EnsembleFigures.headline(combined, test),
          test.task() == Task.REGRESSION));
    }
    return points;
  }

  public static String toCsv(List<Point> points) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    points.forEach(p -> s.append(p.csv()).append('\n'));
    return s.toString();
  }
}
