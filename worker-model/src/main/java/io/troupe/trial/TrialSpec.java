package io.troupe.trial;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.bootstrap.DataShard;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one trial is asked to do, small enough to ship to an executor: the fully resolved config
 * (as YAML, re-validated on arrival), the trial's seed, the searched values that made it, and
 * which rows of the training part it trains on when not all of them (a bagged or a shard member).
 *
 * @param params the values of the searched paths, for reporting (already applied in configYaml)
 * @param bootstrapSeed non-null for a bagging member: train on a bootstrap sample drawn with it
 * @param shard non-null for a shard-ensemble member: train on this shard's rows alone
 * @param resumeFrom non-null to continue a saved model (artifact key, with updater state) from the
 *     epoch it reached, e.g. a trial promoted by successive halving or a PBT generation; its weights,
 *     optimiser state and counts continue, with every hyperparameter from this trial's config
 * @param stopAtEpoch non-null to stop after this many epochs in all (train.epochs still sizes the
 *     learning-rate schedule, so a promoted trial continues the same schedule)
 */
public record TrialSpec(String trialId, String configYaml, long seed, Map<String, Object> params,
    Long bootstrapSeed, DataShard shard, String resumeFrom, Integer stopAtEpoch) implements Serializable {

  public TrialSpec {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(configYaml, "configYaml");
    if (bootstrapSeed != null && shard != null) {
      throw new IllegalArgumentException(trialId + ": a member trains on a bootstrap sample or on a shard, not both");
    }
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** A trial of {@code spec} with the seed derived from the experiment seed and the id. */
  public static TrialSpec of(ExperimentSpec spec, String trialId, Map<String, Object> params) {
    return new TrialSpec(trialId, ConfigLoader.toYaml(spec), TrialSeeds.derive(spec.seed(), trialId), params, null,
        null, null, null);
  }

  /** The same trial with another seed (a repeat under search.pairedSeeds). */
  public TrialSpec withSeed(long trialSeed) {
    return new TrialSpec(trialId, configYaml, trialSeed, params, bootstrapSeed, shard, resumeFrom, stopAtEpoch);
  }

  public TrialSpec withBootstrap(long bootstrapSeed) {
    return new TrialSpec(trialId, configYaml, seed, params, bootstrapSeed, shard, resumeFrom, stopAtEpoch);
  }

  public TrialSpec withShard(DataShard shard) {
    return new TrialSpec(trialId, configYaml, seed, params, bootstrapSeed, shard, resumeFrom, stopAtEpoch);
  }

  /** The same trial under another id and seed, trained up to {@code stopAtEpoch}, continuing a checkpoint if given. */
  public TrialSpec segment(String id, long trialSeed, String checkpoint, int stopAt) {
    return new TrialSpec(id, configYaml, trialSeed, params, bootstrapSeed, shard, checkpoint, stopAt);
  }

  /** The resolved config, parsed and validated again (it crossed the wire as text). */
  public ExperimentSpec experiment() {
    return ConfigLoader.parse(configYaml, "trial " + trialId, null, java.util.List.of());
  }
}
