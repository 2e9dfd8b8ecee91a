package io.troupe.driver.store;

import io.troupe.trial.Provenance;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialResult;
import java.util.Map;

/** Small trial outcomes for store tests: a record without training behind it. */
final class ResultStoreFixtures {
  private static final Provenance NOWHERE = new Provenance("test", "cpu", 1, "test", "test", "test", "test", "d");

  private ResultStoreFixtures() {}

  /** A failed trial {@code id}: the cheapest outcome a store holds, with one param and one metric. */
  static TrialResult failed(String id) {
    TrialInfo info = TrialInfo.untrained(id, Map.of("train.l2", 0.01), 7, Map.of("val_loss", 1.5), NOWHERE, 0.1);
    return new TrialResult.Failed(info, "java.lang.IllegalStateException", "test");
  }
}
