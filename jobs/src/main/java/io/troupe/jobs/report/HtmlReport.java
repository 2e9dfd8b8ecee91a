package io.troupe.jobs.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report page: a header (experiment, generation time, which inputs are absent), then each
 * section with its one-line description. One self-contained file: inline CSS, charts as data URIs,
 * no scripts and no links out.
 */
final class HtmlReport {
  private static final String CSS = """
      body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
      h1 { margin-bottom: 0.2em; }
      .meta { color: #555; margin-top: 0; }
      section { margin-top: 2.5em; border-top: 1px solid #ddd; }
      .what { color: #444; font-style: italic; }
      table.data { border-collapse: collapse; font-size: 0.85em; margin: 1em 0; }
      table.data th, table.data td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; }
      table.data th { background: #f3f3f3; }
      table.data td:first-child, table.data td:nth-child(2) { text-align: left; }
      tr.best td { background: #fff3b0; font-weight: bold; }
      .warning { color: #8a4b00; }
      img { display: block; margin: 1em 0; max-width: 100%; height: auto; }
      """;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /**
   * @param absent one line per missing input ("members-curve.csv (accuracy by ensemble size)")
   */
  static String render(String experiment, Instant generated, List<Section> sections, List<String> absent) {
    StringBuilder s = new StringBuilder();
    s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Troupe report: ")
        .append(Html.escape(experiment)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    s.append("<h1>").append(Html.escape(experiment)).append("</h1>\n");
    s.append("<p class=\"meta\">Troupe report, generated ")
        .append(TIME.format(generated))
        .append(" from the stored results only.</p>\n");
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
