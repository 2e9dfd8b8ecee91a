package io.troupe.search;

import io.troupe.config.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration's repeats summarised: how many ran and scored, the mean and sample standard
 * deviation of their objective, and the best. Unscored repeats (diverged, failed) are counted, not
 * averaged: {@code scored < trialIds.size()} says some were lost.
 *
 * @param sd the sample standard deviation (n - 1), NaN with fewer than 2 scored repeats
 */
public record ConfigurationScore(String configurationId, Map<String, Object> params, List<String> trialIds,
    int scored, double mean, double sd, double best) {

  public ConfigurationScore {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    trialIds = List.copyOf(trialIds);
  }

  /** The trials grouped by configuration (see {@link Repeats#configurationOf}), best mean first. */
  public static List<ConfigurationScore> of(List<ScoredTrial> trials, Direction direction) {
    Map<String, List<ScoredTrial>> groups = new TreeMap<>();
    for (ScoredTrial t : trials) {
      groups.computeIfAbsent(Repeats.configurationOf(t.trialId()), k -> new ArrayList<>()).add(t);
    }
    List<ConfigurationScore> scores = new ArrayList<>();
    groups.forEach((id, group) -> scores.add(summarise(id, group, direction)));
    scores.sort(Ranking.bestFirst(direction, ConfigurationScore::mean, ConfigurationScore::configurationId));
    return Collections.unmodifiableList(scores);
  }

  /** Whether any configuration ran more than once. */
  public static boolean anyRepeated(List<ConfigurationScore> scores) {
    return scores.stream().anyMatch(s -> s.trialIds().size() > 1);
  }

  /** One group of trials of the same configuration, however it was grouped (by id here, by values in the report). */
  public static ConfigurationScore summarise(String id, List<ScoredTrial> group, Direction direction) {
    List<String> ids = group.stream().map(ScoredTrial::trialId).sorted().toList();
    double[] values = group.stream().filter(ScoredTrial::isScored).mapToDouble(ScoredTrial::objective).toArray();
    double mean = Double.NaN;
    double sd = Double.NaN;
    double best = Double.NaN;
    if (values.length > 0) {
      double sum = 0;
      best = values[0];
      for (double v : values) {
        sum += v;
        best = direction == Direction.MAXIMIZE ? Math.max(best, v) : Math.min(best, v);
      }
      mean = sum / values.length;
      if (values.length > 1) {
        double squares = 0;
        for (double v : values) {
          squares += (v - mean) * (v - mean);
        }
        sd = Math.sqrt(squares / (values.length - 1));
      }
    }
    return new ConfigurationScore(id, group.get(0).params(), ids, values.length, mean, sd, best);
  }
}
