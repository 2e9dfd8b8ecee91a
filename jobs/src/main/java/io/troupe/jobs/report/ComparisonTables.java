package io.troupe.jobs.report;

import io.troupe.ensemble.BaselineTests;
import io.troupe.eval.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as two tables that fit a page: the scores, each with its 95% interval under it
 * and its difference from the baseline with the p-value beside them (greyed when it is noise);
 * then what each row costs and how diverse its members are. Columns blank in every row are left
 * out; the best row is highlighted in both.
 */
final class ComparisonTables {
  /** Scores on the test set; accuracy, nll and mse carry an interval and a test against the baseline. */
  static final List<String> SCORES = List.of("accuracy", "nll", "brier", "ece", "macro_f1", "mse", "mae");
  static final List<String> TESTED = List.of("accuracy", "nll", "mse");
  /** Cost and member diversity, then any column this report does not know, as written. */
  static final List<String> COSTS = List.of("members", "train_epochs", "models_stored", "inference_passes",
      "mean_member_accuracy", "oracle_accuracy", "disagreement", "ties", "oob_accuracy");

  private ComparisonTables() {}

  static String of(Comparison comparison) {
    StringBuilder s = new StringBuilder();
    s.append(scores(comparison));
    s.append(Html.paragraph("Highlighted: the best " + comparison.metric().name() + ", "
        + Html.number(comparison.bestScore()) + ". Blank cells do not apply."));
    s.append(tests(comparison));
    s.append(costs(comparison));
    return s.toString();
  }

  /** What the intervals and tests are, and which rows differ from the baseline by more than noise. */
  private static String tests(Comparison comparison) {
    StringBuilder s = new StringBuilder();
    if (comparison.hasBaseline()) {
      String baseline = comparison.label(comparison.rows().get(0));
      s.append(Html.paragraph("Under each score: its 95% bootstrap interval over the test examples. \"vs " + baseline
          + "\": the difference from the first row on the same examples, with the p-value of McNemar's exact test"
          + " (accuracy) or a paired bootstrap (nll, mse); grey when p >= " + BaselineTests.ALPHA
          + ", a difference not told apart from noise. Each row is tested on its own: among many rows, about one in"
          + " twenty clears p < 0.05 by chance."));
      BaselineTests.sentences(comparison.asTable().rows()).forEach(t -> s.append("<p class=\"tests\">")
          .append(Html.escape(t)).append("</p>\n"));
    } else if (comparison.rows().stream().noneMatch(r -> comparison.interval(r, comparison.metric().name()) != null)) {
      s.append(Html.paragraph("This file has no intervals or tests against the baseline: it was written before"
          + " Troupe stored them (rerun the command to get them)."));
    }
    return s.toString();
  }

  private static String scores(Comparison comparison) {
    List<String> columns = SCORES.stream().filter(c -> anyValue(comparison, c)).toList();
    boolean tested = comparison.hasBaseline();
    String baseline = tested ? comparison.label(comparison.rows().get(0)) : "";
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"data\">\n<tr><th>strategy</th><th>combiner</th>");
    for (String c : columns) {
      s.append("<th>").append(Html.header(c)).append("</th>");
      if (tested && TESTED.contains(c)) {
        s.append("<th>").append(Html.escape(c)).append(" vs ").append(Html.escape(baseline)).append("</th>");
      }
    }
    s.append("</tr>\n");
    CsvTable.Row first = comparison.rows().get(0);
    for (CsvTable.Row row : comparison.rows()) {
      s.append(open(comparison, row)).append(names(row));
      for (String c : columns) {
        s.append("<td>").append(score(comparison, row, c)).append("</td>");
        if (tested && TESTED.contains(c)) {
          s.append(row == first ? "<td></td>" : difference(comparison, row, first, c));
        }
      }
      s.append("</tr>\n");
    }
    return s.append("</table></div>\n").toString();
  }

  private static String costs(Comparison comparison) {
    List<String> columns = new ArrayList<>(COSTS.stream().filter(c -> anyValue(comparison, c)).toList());
    comparison.table().header().stream().filter(ComparisonTables::unknown).filter(c -> anyValue(comparison, c))
        .forEach(columns::add);
    StringBuilder s = new StringBuilder("<div class=\"scroll\"><table class=\"data\">\n<tr><th>strategy</th><th>combiner</th>");
    columns.forEach(c -> s.append("<th>").append(Html.header(c)).append("</th>"));
    s.append("</tr>\n");
    for (CsvTable.Row row : comparison.rows()) {
      s.append(open(comparison, row)).append(names(row));
      columns.forEach(c -> s.append("<td>").append(cell(row.cell(c))).append("</td>"));
      s.append("</tr>\n");
    }
    return s.append("</table></div>\n").toString();
  }

  private static boolean unknown(String column) {
    return !SCORES.contains(column) && !COSTS.contains(column) && !List.of("strategy", "combiner").contains(column)
        && !TESTED.stream().anyMatch(t -> column.equals(t + "_low") || column.equals(t + "_high")
            || column.equals(t + "_p"));
  }

  private static boolean anyValue(Comparison comparison, String column) {
    return comparison.rows().stream().anyMatch(r -> !r.cell(column).isBlank());
  }

  private static String open(Comparison comparison, CsvTable.Row row) {
    return comparison.score(row) == comparison.bestScore() ? "<tr class=\"best\">" : "<tr>";
  }

  private static String names(CsvTable.Row row) {
    return "<td>" + Html.escape(row.cell("strategy")) + "</td><td>" + Html.escape(row.cell("combiner")) + "</td>";
  }

  /** The figure, with its interval on a second line when the file has one. */
  private static String score(Comparison comparison, CsvTable.Row row, String figure) {
    String value = cell(row.cell(figure));
    Interval interval = comparison.interval(row, figure);
    return interval == null ? value : value + "<br><span class=\"ci\">" + Html.number(interval.low()) + "&ndash;"
        + Html.number(interval.high()) + "</span>";
  }

  /** The difference from the baseline (pp for accuracy) and its p-value, grey when it is noise. */
  private static String difference(Comparison comparison, CsvTable.Row row, CsvTable.Row baseline, String figure) {
    double p = comparison.p(row, figure);
    if (!Double.isFinite(p)) {
      return "<td></td>";
    }
    double d = comparison.number(row, figure) - comparison.number(baseline, figure);
    String text = figure.equals("accuracy") ? String.format(Locale.ROOT, "%+.2f pp", 100 * d)
        : String.format(Locale.ROOT, "%+.4f", d);
    return (p >= BaselineTests.ALPHA ? "<td class=\"noise\">" : "<td>") + Html.escape(text)
        + "<br><span class=\"ci\">p " + Html.escape(BaselineTests.p(p)) + "</span></td>";
  }

  /** Numbers are shown to 4 significant digits; anything else as written. */
  static String cell(String text) {
    try {
      return Html.escape(Html.number(Double.parseDouble(text)));
    } catch (NumberFormatException e) {
      return Html.escape(text);
    }
  }
}
