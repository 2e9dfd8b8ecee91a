package io.troupe.config.binding;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Did-you-mean for misspelt keys and enum values (edit distance, ignoring case and separators). */
public final class Suggestions {
  private Suggestions() {}

  public static Optional<String> closest(String given, Collection<String> candidates) {
    String g = normalize(given);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(g, normalize(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // Allow roughly one typo per three characters; beyond that a guess misleads more than it helps.
    int allowed = Math.max(1, g.length() / 3);
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " (did you mean x?)" or "" — ready to append to a message. */
  public static String didYouMean(String given, Collection<String> candidates) {
    return closest(given, candidates).map(c -> " (did you mean " + c + "?)").orElse("");
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Optimal-string-alignment distance: a swap of two neighbours ("trian") counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
