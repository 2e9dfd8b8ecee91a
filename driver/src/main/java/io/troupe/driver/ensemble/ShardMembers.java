package io.troupe.driver.ensemble;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.bootstrap.DataShard;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a shard ensemble: {@code count} trials of one config, member k on shard k of one
 * permutation of the training part. The permutation's seed comes from the experiment seed and the
 * count alone, so every shard ensemble of that size (with or without a shared start, in an
 * ensemble run or a benchmark) deals the same rows to shard k.
 */
public final class ShardMembers {
  private ShardMembers() {}

  /**
   * @param config what each member trains; its seed is the one the members' seeds and the
   *     permutation derive from
   * @param prefix member ids are prefix-01, prefix-02, ...
   * @param sharedSeed null for each member its own seed (its own start), else every member's seed
   */
  public static List<TrialSpec> of(ExperimentSpec config, int count, String prefix, Long sharedSeed) {
    long permutation = TrialSeeds.derive(config.seed(), "shards/" + count);
    List<TrialSpec> members = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      TrialSpec member = TrialSpec.of(config, String.format("%s-%02d", prefix, k + 1), java.util.Map.of())
          .withShard(new DataShard(k, count, permutation));
      members.add(sharedSeed == null ? member : member.withSeed(sharedSeed));
    }
    return members;
  }
}
