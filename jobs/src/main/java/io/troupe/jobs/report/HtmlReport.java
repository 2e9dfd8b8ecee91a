package io.troupe.jobs.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report page: a header (experiment, generation time, which inputs are absent), then each
 * section with its one-line description. One self-contained file: inline CSS, charts as data URIs,
 * no scripts and no links out. While its run goes on the page reloads itself (a refresh tag, no
 * script); the page written when the run ends has none.
 */
final class HtmlReport {
  /** How often a live page reloads itself, in seconds; about as often as it is rewritten. */
  static final int REFRESH_SECONDS = 15;

  private static final String CSS = """
      body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
      h1 { margin-bottom: 0.2em; }
      .meta { color: #555; margin-top: 0; }
      .live { background: #e8f4ff; border: 1px solid #9cc9f0; padding: 0.5em 0.8em; }
      section { margin-top: 2.5em; border-top: 1px solid #ddd; }
      .what { color: #444; font-style: italic; }
      .scroll { overflow-x: auto; max-width: 100%; }
      table.data { border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }
      table.data th, table.data td { border: 1px solid #ccc; padding: 0.25em 0.45em; text-align: right; }
      table.data th { background: #f3f3f3; vertical-align: bottom; }
      table.data td:first-child, table.data td:nth-child(2), table.data th:first-child, table.data th:nth-child(2) {
        text-align: left; }
      table.data td.text, table.data th.text { text-align: left; }
      table.data .ci { color: #666; font-size: 0.9em; white-space: nowrap; }
      table.data td.noise { color: #888; }
      tr.best td { background: #fff3b0; font-weight: bold; }
      tr.diverged td { color: #b00020; }
      .tests { font-size: 0.9em; }
      .warning { color: #8a4b00; }
      .bar { display: inline-block; height: 0.8em; background: #0072b2; vertical-align: middle; }
      .panels { display: flex; flex-wrap: wrap; gap: 0 1em; }
      .panels img { margin: 0.5em 0; }
      details { margin: 1em 0; }
      img { display: block; margin: 1em 0; max-width: 100%; height: auto; }
      """;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /**
   * @param absent one line per missing input ("members-curve.csv (accuracy by ensemble size)")
   * @param live whether the run is still going: the page reloads itself and says so
   */
  static String render(String experiment, Instant generated, List<Section> sections, List<String> absent,
      boolean live) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    if (live) {
      s.append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">\n");
    }
    s.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Troupe report: ")
        .append(Html.escape(experiment)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    s.append("<h1>").append(Html.escape(experiment)).append("</h1>\n");
    s.append("<p class=\"meta\">Troupe report, generated ")
        .append(TIME.format(generated))
        .append(" from the stored results only.</p>\n");
    if (live) {
      s.append("<p class=\"live\">The run is still going: this page is rewritten as its trials end and reloads itself"
          + " every ").append(REFRESH_SECONDS).append(" s. The final report replaces it when the run ends; if ")
          .append(TIME.format(generated)).append(" is long past, the run stopped without one, and <code>troupe report")
          .append("</code> on its directory writes it.</p>\n");
    }
    s.append("<ul>\n");
    sections.forEach(sec -> s.append("<li>").append(Html.escape(sec.title())).append(": ")
        .append(Html.escape(sec.description())).append("</li>\n"));
    absent.forEach(a -> s.append("<li>absent: ").append(Html.escape(a)).append("; its section is left out</li>\n"));
    s.append("</ul>\n");
    for (Section sec : sections) {
      s.append("<section id=\"").append(Html.escape(sec.id())).append("\">\n<h2>").append(Html.escape(sec.title()))
          .append("</h2>\n<p class=\"what\">").append(Html.escape(sec.description())).append("</p>\n")
          .append(sec.body()).append("</section>\n");
    }
    s.append("</body>\n</html>\n");
    return s.toString();
  }
}
