package io.troupe.search;

import io.troupe.trial.TrialSeeds;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repeats of one configuration (search.repeats): their trial ids, {@code <configuration>-repK}, and
 * their seeds. With paired seeds, repeat k has the same seed in every configuration, so two
 * configurations' k-th repeats differ only in their settings.
 */
public final class Repeats {
  private static final Pattern SUFFIX = Pattern.compile("-rep(\\d+)$");

  private Repeats() {}

  /** The id of the 1-based {@code repeat}; a configuration that runs once keeps its own id. */
  public static String trialId(String configurationId, int repeat, int repeats) {
    return repeats == 1 ? configurationId : configurationId + "-rep" + repeat;
  }

  /** The configuration a trial repeats: its id without the repeat suffix. */
  public static String configurationOf(String trialId) {
    Matcher m = SUFFIX.matcher(trialId);
    return m.find() ? trialId.substring(0, m.start()) : trialId;
  }

  /** The seed every configuration's 1-based {@code repeat} shares under search.pairedSeeds. */
  public static long pairedSeed(long experimentSeed, int repeat) {
    return TrialSeeds.derive(experimentSeed, "paired-repeat-" + repeat);
  }
}
