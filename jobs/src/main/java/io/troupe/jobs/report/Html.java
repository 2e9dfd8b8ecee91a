package io.troupe.jobs.report;

import java.math.BigDecimal;
import java.math.MathContext;

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

  /** An embedded chart; {@code dataUri} comes from {@link Charts#dataUri}. */
  static String image(String dataUri, String alt) {
    return "<img src=\"" + dataUri + "\" alt=\"" + escape(alt) + "\" width=\"" + Charts.WIDTH + "\" height=\""
        + Charts.HEIGHT + "\">\n";
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
