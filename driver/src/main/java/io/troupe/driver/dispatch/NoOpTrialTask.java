package io.troupe.driver.dispatch;

import io.troupe.data.DataSplits;
import io.troupe.trial.Provenance;
import io.troupe.trial.TrialInfo;
import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialSpec;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * A trial that does no work: it reads the broadcast data (as a real trial would) and returns at
 * once. Only for measuring what dispatch itself costs per trial.
 */
public final class NoOpTrialTask implements Function<TrialSpec, TrialResult> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<DataSplits> data;

  public NoOpTrialTask(Broadcast<DataSplits> data) {
    this.data = data;
  }

  @Override
  public TrialResult call(TrialSpec trial) {
    int rows = data.value().train().size();
    TrialInfo info = TrialInfo.untrained(trial.trialId(), trial.params(), trial.seed(),
        Map.of("rows_seen", (double) rows),
        new Provenance("none", "none", 0, "no-op", "", "", "", data.value().sourceFingerprint()), 0);
    return new TrialResult.Completed(info, null, null, null);
  }
}
