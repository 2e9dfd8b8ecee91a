package io.troupe.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.driver.store.StoredTrial;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trials as tables: the best few, then every trial (folded away when there are many), each
 * with the diagnosis Troupe read from its curves (learning rate and fit, its notes on hover) and,
 * for a diverged one, where it blew up.
 */
final class TrialsTable {
  /** Up to this many trials, the table of all of them starts unfolded. */
  static final int UNFOLDED = 20;

  private TrialsTable() {}

  static String top(TrialRanking ranking, int n) {
    String metric = ranking.metric().name();
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"data\">\n<tr><th>rank</th><th>trial</th><th>")
        .append(Html.header(metric)).append("</th><th class=\"text\">diagnosis</th><th class=\"text\">params</th></tr>\n");
    List<StoredTrial> top = ranking.top(n);
    for (int i = 0; i < top.size(); i++) {
      StoredTrial t = top.get(i);
      s.append(i == 0 ? "<tr class=\"best\">" : "<tr>").append("<td>").append(i + 1).append("</td><td>")
          .append(Html.escape(t.trialId())).append("</td><td>").append(Html.number(t.metric(metric))).append("</td>")
          .append(diagnosis(t)).append("<td class=\"text\">").append(Html.escape(params(t))).append("</td></tr>\n");
    }
    return s.append("</table></div>\n").toString();
  }

  /** Every trial: the ranked ones best first, then the rest (diverged, failed, pruned) by id. */
  static String all(List<StoredTrial> trials, TrialRanking ranking) {
    String metric = ranking.metric().name();
    Set<String> ranked = ranking.ranked().stream().map(StoredTrial::trialId).collect(Collectors.toSet());
    List<StoredTrial> ordered = new ArrayList<>(ranking.ranked());
    trials.stream().filter(t -> !ranked.contains(t.trialId())).sorted(Comparator.comparing(StoredTrial::trialId))
        .forEach(ordered::add);
    StringBuilder s = new StringBuilder("<details").append(trials.size() <= UNFOLDED ? " open" : "")
        .append("><summary>All ").append(trials.size()).append(" trials with their diagnosis</summary>\n")
        .append("<div class=\"scroll\"><table class=\"data\">\n<tr><th>trial</th><th>status</th><th>")
        .append(Html.header(metric)).append("</th><th class=\"text\">diagnosis</th><th class=\"text\">diverged</th>"
            + "<th class=\"text\">params</th></tr>\n");
    for (StoredTrial t : ordered) {
      String diverged = Divergence.of(t, metric).map(Divergence::described).orElse("");
      s.append(t.status() == TrialStatus.DIVERGED ? "<tr class=\"diverged\">" : "<tr>").append("<td>")
          .append(Html.escape(t.trialId())).append("</td><td>").append(t.status()).append("</td><td>")
          .append(Html.number(t.metric(metric))).append("</td>").append(diagnosis(t)).append("<td class=\"text\">")
          .append(Html.escape(diverged)).append("</td><td class=\"text\">").append(Html.escape(params(t)))
          .append("</td></tr>\n");
    }
    return s.append("</table></div>\n</details>\n").toString();
  }

  /** "lr fine, fit good" with the notes behind it as the cell's tooltip; blank when not diagnosed. */
  static String diagnosis(StoredTrial t) {
    JsonNode d = t.json().path("diagnosis");
    if (!d.hasNonNull("learningRate") && !d.hasNonNull("fit")) {
      return "<td class=\"text\"></td>";
    }
    String verdict = "lr " + words(d.path("learningRate").asText("?")) + ", fit " + words(d.path("fit").asText("?"));
    List<String> notes = new ArrayList<>();
    d.path("notes").forEach(n -> notes.add(n.asText()));
    return "<td class=\"text\"" + (notes.isEmpty() ? "" : " title=\"" + Html.escape(String.join("; ", notes)) + "\"")
        + ">" + Html.escape(verdict) + "</td>";
  }

  /** TOO_LARGE_CHAOTIC reads "too large chaotic". */
  private static String words(String verdict) {
    return verdict.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String params(StoredTrial t) {
    return params(t.params());
  }

  /** "model.hidden = [128], train.optimizer.lr = 0.00234": numbers to 4 significant digits. */
  static String params(Map<String, Object> params) {
    return params.entrySet().stream().map(e -> e.getKey() + " = "
        + (e.getValue() instanceof Double d ? Html.number(d) : String.valueOf(e.getValue())))
        .collect(Collectors.joining(", "));
  }
}
