package io.troupe.search;

import io.troupe.config.ParamDomain;
import java.util.List;
import java.util.stream.Collectors;

/** Human text for a domain: "logUniform [1e-05, 0.1]", "int [16, 1024] (log)", "choice [relu, tanh]". */
final class DomainText {
  private DomainText() {}

  /** Kind and range, e.g. "uniform [0, 0.5]". */
  static String of(ParamDomain domain) {
    return kind(domain) + " " + range(domain);
  }

  /** The YAML key of the domain's kind. */
  static String kind(ParamDomain domain) {
    if (domain instanceof ParamDomain.Uniform) {
      return "uniform";
    } else if (domain instanceof ParamDomain.LogUniform) {
      return "logUniform";
    } else if (domain instanceof ParamDomain.IntRange) {
      return "int";
    }
    return "choice";
  }

  /** Just the range (and the log flag for ints), e.g. "[1e-05, 0.1]". */
  static String range(ParamDomain domain) {
    if (domain instanceof ParamDomain.Uniform u) {
      return interval(u.low(), u.high());
    } else if (domain instanceof ParamDomain.LogUniform l) {
      return interval(l.low(), l.high());
    } else if (domain instanceof ParamDomain.IntRange r) {
      return "[" + r.low() + ", " + r.high() + "]" + (r.log() ? " (log)" : "");
    }
    return values(((ParamDomain.Choice) domain).values());
  }

  private static String interval(double low, double high) {
    return "[" + Numbers.text(low) + ", " + Numbers.text(high) + "]";
  }

  private static String values(List<Object> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }
}
