package io.troupe.jobs.report;

import io.troupe.driver.store.StoredTrial;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Short names for curves: the trial id and the searched params that differ between the run's
 * trials, by the last part of their path ("t2-rep3 lr=2.5"). A sweep that repeats each setting
 * (search.repeats) has ids ending in -repK, so its curves read as rate and repeat. A param every
 * trial holds at one value says nothing about a curve and is left out; a path whose last part two
 * varying paths share keeps its whole name.
 */
final class TrialLabels {
  /** The varying paths, sorted, each with the name a label shows. */
  private final Map<String, String> names;

  private TrialLabels(Map<String, String> names) {
    this.names = names;
  }

  static TrialLabels of(List<StoredTrial> trials) {
    Map<String, Set<String>> values = new HashMap<>();
    trials.forEach(t -> t.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(value(v))));
    List<String> varying = values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
        .sorted().toList();
    Map<String, Long> lastParts = new HashMap<>();
    varying.forEach(path -> lastParts.merge(lastPart(path), 1L, Long::sum));
    Map<String, String> names = new LinkedHashMap<>();
    varying.forEach(path -> names.put(path, lastParts.get(lastPart(path)) > 1 ? path : lastPart(path)));
    return new TrialLabels(names);
  }

  /** "t2-rep3 lr=2.5"; the id alone when no searched param varies. */
  String of(StoredTrial t) {
    StringBuilder s = new StringBuilder(t.trialId());
    names.forEach((path, name) -> {
      Object v = t.params().get(path);
      if (v != null) {
        s.append(' ').append(name).append('=').append(value(v));
      }
    });
    return s.toString();
  }

  /** Numbers to 4 significant digits, as the tables show them. */
  private static String value(Object v) {
    return v instanceof Double d ? Html.number(d) : String.valueOf(v);
  }

  private static String lastPart(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
