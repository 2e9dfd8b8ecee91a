package io.troupe.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;
import org.knowm.xchart.internal.chartpart.Chart;

/** HTML text helpers: everything from the input files is escaped before it reaches the page. */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /** A chart embedded as a PNG at its own size (the page scales it down on a narrow screen). */
  static String chart(Chart<?, ?> chart, String alt) {
    return "<img src=\"" + Charts.dataUri(chart) + "\" alt=\"" + escape(alt) + "\" width=\"" + chart.getWidth()
        + "\" height=\"" + chart.getHeight() + "\">\n";
  }

  /** A column name that may wrap after its underscores (mean_member_accuracy) in a narrow header. */
  static String header(String column) {
    return escape(column).replace("_", "_<wbr>");
  }

  static String paragraph(String text) {
    return "<p>" + escape(text) + "</p>\n";
  }

  /** A number with 4 significant digits (0.8966, 0.021, 0.0001234, 123.5); whole numbers as they are. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
