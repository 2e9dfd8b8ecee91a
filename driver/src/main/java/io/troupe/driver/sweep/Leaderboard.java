package io.troupe.driver.sweep;

import io.troupe.config.Direction;
import io.troupe.config.RepeatRanking;
import io.troupe.driver.store.StoredTrial;
import io.troupe.search.ConfigurationScore;
import io.troupe.search.Ranking;
import io.troupe.search.Repeats;
import io.troupe.search.ScoredTrial;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks stored trials by the objective (a validation metric; never a test figure). */
public final class Leaderboard {
  private Leaderboard() {}

  /**
   * Trials with a finite objective, best first (ties by trial id); the rest after, in id order.
   * The report ranks by this too, so the two never disagree.
   */
  public static List<StoredTrial> rank(List<StoredTrial> trials, String metric, Direction direction) {
    return trials.stream()
        .sorted(Ranking.bestFirst(direction, (StoredTrial t) -> t.metric(metric), StoredTrial::trialId))
        .toList();
  }

  /**
   * As {@link #rank(List, String, Direction)}, but with {@link RepeatRanking#MEAN} the repeats of
   * a configuration (search.repeats) stay together, configurations in the order of their mean and
   * each one's trials best first; the first trial is then the best repeat of the best configuration.
   */
  public static List<StoredTrial> rank(List<StoredTrial> trials, String metric, Direction direction,
      RepeatRanking repeats) {
    List<ConfigurationScore> configurations = configurations(trials, metric, direction);
    if (repeats == RepeatRanking.EACH || !ConfigurationScore.anyRepeated(configurations)) {
      return rank(trials, metric, direction);
    }
    Map<String, Integer> place = new HashMap<>();
    for (ConfigurationScore c : configurations) {
      place.put(c.configurationId(), place.size());
    }
    Comparator<StoredTrial> byConfiguration = Comparator.comparing(t -> place.get(Repeats.configurationOf(t.trialId())));
    return trials.stream()
        .sorted(byConfiguration.thenComparing(Ranking.bestFirst(direction, (StoredTrial t) -> t.metric(metric),
            StoredTrial::trialId)))
        .toList();
  }

  /** The trials grouped by configuration, best mean first. */
  public static List<ConfigurationScore> configurations(List<StoredTrial> trials, String metric, Direction direction) {
    return ConfigurationScore.of(trials.stream()
        .map(t -> new ScoredTrial(t.trialId(), t.params(), t.metric(metric))).toList(), direction);
  }

  /**
   * The top rows as a fixed-width table for stdout: one row per trial, or, when a configuration ran
   * more than once, one per configuration with its repeats' mean, standard deviation and best. Test
   * figures are left out unless asked for (seed 004: choose on validation; a test column invites
   * choosing on it).
   *
   * @param showTest add the test figure: accuracy, or MSE where the trials have no accuracy (regression)
   */
  public static String render(List<StoredTrial> ranked, String metric, Direction direction, int rows,
      boolean showTest) {
    String test = ranked.stream().anyMatch(t -> Double.isFinite(t.metric("test_accuracy"))) ? "test_accuracy" : "test_mse";
    List<ConfigurationScore> configurations = configurations(ranked, metric, direction);
    StringBuilder s = new StringBuilder(ConfigurationScore.anyRepeated(configurations)
        ? configurationRows(configurations, ranked, metric, test, direction, rows, showTest)
        : trialRows(ranked, metric, test, rows, showTest));
    if (!showTest) {
      s.append("(test figures hidden: choose on validation, seed 004; --show-test shows them)\n");
    }
    return s.toString();
  }

  private static String trialRows(List<StoredTrial> ranked, String metric, String test, int rows, boolean showTest) {
    List<StoredTrial> top = ranked.subList(0, Math.min(rows, ranked.size()));
    StringBuilder s = new StringBuilder(String.format("%-4s %-12s %-9s %-13s %s%s%n", "rank", "trial", "status",
        metric, showTest ? String.format("%-13s ", test) : "", "params"));
    int rank = 0;
    for (StoredTrial t : top) {
      rank++;
      s.append(String.format("%-4d %-12s %-9s %-13s %s%s%n", rank, t.trialId(), t.status(), number(t.metric(metric)),
          showTest ? String.format("%-13s ", number(t.metric(test))) : "", SweepProgress.params(t.params())));
    }
    return s.toString();
  }

  private static String configurationRows(List<ConfigurationScore> configurations, List<StoredTrial> trials,
      String metric, String test, Direction direction, int rows, boolean showTest) {
    List<ConfigurationScore> tests = showTest ? configurations(trials, test, direction) : List.of();
    StringBuilder s = new StringBuilder(String.format("%-4s %-13s %-7s %-19s %-8s %s%s%n", "rank", "configuration",
        "scored", metric + " mean±sd", "best", showTest ? String.format("%-19s ", test + " mean±sd") : "", "params"));
    int rank = 0;
    for (ConfigurationScore c : configurations.subList(0, Math.min(rows, configurations.size()))) {
      rank++;
      String testFigure = "";
      if (showTest) {
        ConfigurationScore t = tests.stream().filter(x -> x.configurationId().equals(c.configurationId())).findFirst()
            .orElseThrow();
        testFigure = String.format("%-19s ", meanSd(t));
      }
      s.append(String.format("%-4d %-13s %-7s %-19s %-8s %s%s%n", rank, c.configurationId(),
          c.scored() + "/" + c.trialIds().size(), meanSd(c), number(c.best()), testFigure,
          SweepProgress.params(c.params())));
    }
    return s.toString();
  }

  private static String meanSd(ConfigurationScore c) {
    if (c.scored() == 0) {
      return "-";
    }
    return Double.isFinite(c.sd()) ? String.format("%.4f±%.4f", c.mean(), c.sd()) : String.format("%.4f", c.mean());
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format("%.4f", v) : "-";
  }
}
