package io.troupe.jobs.report;

import io.troupe.driver.store.StoredTrial;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configurations run more than once ({@link Repeats}): how far seeds alone move the objective, so
 * a gap between two configurations can be read against it. Validation figures only, as the
 * leaderboard shows (seed 004: choose on validation).
 */
final class RepeatsSection {
  private RepeatsSection() {}

  /** The section, or empty when no configuration ran twice. */
  static Optional<Section> of(List<StoredTrial> trials, TrialRanking ranking) {
    ScoreMetric metric = ranking.metric();
    List<Repeats.Group> groups = Repeats.of(trials, metric);
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    String name = metric.name();
    StringBuilder body = new StringBuilder("<div class=\"scroll\"><table class=\"data\">\n<tr><th>rank</th><th>n</th>"
        + "<th>mean &plusmn; sd of " + Html.header(name) + "</th><th>best</th><th class=\"text\">params</th><th class=\"text\">trials</th></tr>\n");
    for (int i = 0; i < groups.size(); i++) {
      Repeats.Group g = groups.get(i);
      String params = TrialsTable.params(g.params());
      body.append(i == 0 ? "<tr class=\"best\">" : "<tr>").append("<td>").append(i + 1).append("</td><td>")
          .append(g.n()).append("</td><td>").append(Html.number(g.mean())).append(" &plusmn; ")
          .append(Html.number(g.sd())).append("</td><td>").append(Html.number(g.best()))
          .append("</td><td class=\"text\">").append(Html.escape(params)).append("</td><td class=\"text\">")
          .append(Html.escape(g.trials().stream().map(StoredTrial::trialId).collect(Collectors.joining(", "))))
          .append("</td></tr>\n");
    }
    body.append("</table></div>\n");
    int singles = Repeats.singles(trials, metric);
    body.append(Html.paragraph("Ranked by mean " + metric.described() + "; sd is the sample standard deviation over"
        + " the configuration's trials (seeds)." + (singles == 0 ? ""
        : " " + singles + " configuration(s) ran once and are not listed.")));
    String description = "Configurations trained more than once with different seeds: n, mean and standard deviation"
        + " and best of " + name + " per configuration, best mean first.";
    return Optional.of(new Section("repeats", "Repeated configurations (" + groups.size() + ")", description,
        body.toString(), 0));
  }
}
