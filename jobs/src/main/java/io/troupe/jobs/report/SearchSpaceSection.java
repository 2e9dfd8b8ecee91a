package io.troupe.jobs.report;

import io.troupe.driver.store.RunManifest;
import io.troupe.driver.store.StoredTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One small chart per searched path: the objective against the path's value, on a log axis for
 * log-uniform domains, categories for choices ({@link ParamAxis}), diverged trials in red. Where
 * the good trials bunch shows which ranges matter; a flat cloud, a path that does not.
 */
final class SearchSpaceSection {
  static final int PANEL_WIDTH = 520;
  static final int PANEL_HEIGHT = 340;

  private SearchSpaceSection() {}

  /** The section, or empty when no trial has params (a compare's members, a train). */
  static Optional<Section> of(List<StoredTrial> trials, TrialRanking ranking, RunManifest manifest) {
    List<String> paths = paths(trials);
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    ScoreMetric metric = ranking.metric();
    StringBuilder body = new StringBuilder("<div class=\"panels\">\n");
    List<String> skipped = new ArrayList<>();
    int charts = 0;
    for (String path : paths) {
      List<Object> values = trials.stream().map(t -> t.params().get(path)).filter(Objects::nonNull).toList();
      ParamChart.Drawn drawn = ParamChart.of(path, path, ParamAxis.of(path, values, manifest), trials, metric,
          PANEL_WIDTH, PANEL_HEIGHT);
      if (drawn.plotted() == 0) {
        skipped.add(path);
      } else {
        body.append(Html.chart(drawn.chart(), metric.name() + " against " + path));
        charts++;
      }
    }
    body.append("</div>\n");
    if (!skipped.isEmpty()) {
      body.append(Html.paragraph("No trial has both a value and a " + metric.name() + " for " + String.join(", ", skipped)
          + ": not drawn."));
    }
    String description = metric.described() + " against each searched path's value, one panel per path: log axes"
        + " for log-uniform ranges, categories for choices; diverged trials as red crosses.";
    return Optional.of(new Section("search-space", "Search space (" + paths.size() + " path"
        + (paths.size() == 1 ? "" : "s") + ")", description, body.toString(), charts));
  }

  /** The searched paths: every param any trial holds, sorted (run.json keeps the space sorted too). */
  static List<String> paths(List<StoredTrial> trials) {
    Set<String> paths = new TreeSet<>();
    trials.forEach(t -> paths.addAll(t.params().keySet()));
    return List.copyOf(paths);
  }
}
