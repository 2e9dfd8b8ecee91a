package io.troupe.trial;

import io.troupe.data.Seeds;
import java.nio.charset.StandardCharsets;

/**
 * A trial's seed, derived on the driver from the experiment seed and the trial id, so a trial's
 * randomness does not depend on which executor runs it or in what order.
 */
public final class TrialSeeds {
  private TrialSeeds() {}

  public static long derive(long experimentSeed, String trialId) {
    return Seeds.derive(experimentSeed, fnv1a64(trialId));
  }

  /** A stable 64-bit hash of the id (FNV-1a over UTF-8), the same on every JVM. */
  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
