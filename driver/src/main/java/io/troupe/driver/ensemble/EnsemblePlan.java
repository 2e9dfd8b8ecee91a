package io.troupe.driver.ensemble;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ConfigLoader;
import io.troupe.config.EnsembleSpec;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SnapshotEnsembleSpec;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training runs the requested strategies need, each a trial with its own config and a seed
 * derived from the experiment seed and its id. Runs are shared where the seeds allow: the
 * baseline is the true ensemble's first member and also keeps the SWA/EMA averages (averaging
 * does not change training), and the negative control averages the true ensemble's members.
 *
 * <p>Ids: member-01..M (true ensemble; member-01 is the baseline), bag-01..M, shard-01..M,
 * shard-init-01..M, snapshots,
 * snapshots-control, soup-base then soup-01..M (which continue from soup-base's checkpoint).
 */
record EnsemblePlan(List<TrialSpec> firstStage, List<TrialSpec> secondStage, Map<String, List<String>> members) {
  static final String BASELINE = "member-01";
  static final String SNAPSHOTS = "snapshots";
  static final String CONTROL = "snapshots-control";
  static final String SOUP_BASE = "soup-base";
  static final String SHARDS = "shards";
  static final String SHARDS_SHARED_INIT = "shards-shared-init";
  /** SWA's default start when train.averaging.swaStartEpoch is unset: average the second half. */
  static final double SWA_START_FRACTION = 0.5;
  static final double DEFAULT_EMA_DECAY = 0.999;

  static EnsemblePlan of(ExperimentSpec spec, Set<EnsembleStrategy> strategies) {
    EnsembleSpec e = spec.ensemble();
    int epochs = spec.train().epochs();
    List<TrialSpec> first = new ArrayList<>();
    List<TrialSpec> second = new ArrayList<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    ExperimentSpec plain = ConfigLoader.withValues(spec, Map.of("train.snapshots.mode", "none"));

    first.add(TrialSpec.of(baselineConfig(plain, strategies), BASELINE, Map.of()));
    members.put("single", List.of(BASELINE));
    if (strategies.contains(EnsembleStrategy.TRUE) || strategies.contains(EnsembleStrategy.INDEPENDENT_AVERAGE)) {
      List<String> ids = ids("member", e.members());
      ids.subList(1, ids.size()).forEach(id -> first.add(TrialSpec.of(plain, id, Map.of())));
      members.put("true", ids);
    }
    if (strategies.contains(EnsembleStrategy.BAGGING)) {
      List<String> ids = ids("bag", e.members());
      ids.forEach(id -> first.add(TrialSpec.of(plain, id, Map.of()).withBootstrap(bootstrapSeed(spec, id))));
      members.put("bagging", ids);
    }
    if (strategies.contains(EnsembleStrategy.SHARDS)) {
      members.put(SHARDS, shardMembers(plain, "shard", null, first));
    }
    if (strategies.contains(EnsembleStrategy.SHARDS_SHARED_INIT)) {
      // One seed for every member: the same initial weights (and dropout/batch-order streams) on different rows.
      members.put(SHARDS_SHARED_INIT, shardMembers(plain, "shard-init", TrialSeeds.derive(spec.seed(), "shard-init"), first));
    }
    SnapshotEnsembleSpec s = e.snapshots();
    if (strategies.contains(EnsembleStrategy.SNAPSHOTS)) {
      Map<String, Object> v = new HashMap<>();
      v.put("train.schedule.type", "cyclic-cosine");
      v.put("train.schedule.cycles", s.count());
      v.put("train.schedule.cycleStartEpoch", s.startEpoch());
      v.put("train.snapshots.mode", "cycle-ends");
      v.put("train.snapshots.keep", 0);
      if (s.lr() != null) {
        v.put("train.optimizer.lr", s.lr());
      }
      first.add(TrialSpec.of(values(spec, v, "ensemble.snapshots"), SNAPSHOTS, Map.of()));
      members.put(SNAPSHOTS, List.of(SNAPSHOTS));
    }
    if (strategies.contains(EnsembleStrategy.SNAPSHOTS_CONTROL)) {
      first.add(TrialSpec.of(values(spec, Map.of("train.snapshots.mode", "evenly", "train.snapshots.count", s.count(),
          "train.snapshots.startEpoch", s.startEpoch(), "train.snapshots.keep", 0), "ensemble.snapshots"), CONTROL, Map.of()));
      members.put(CONTROL, List.of(CONTROL));
    }
    if (strategies.contains(EnsembleStrategy.SOUP)) {
      if (epochs < 2) {
        throw new InvalidInputException("ensemble.strategies: soup needs train.epochs >= 2 (members fine-tune a shared"
            + " base for the second half), got " + epochs);
      }
      first.add(TrialSpec.of(plain, SOUP_BASE, Map.of()).segment(SOUP_BASE, TrialSeeds.derive(spec.seed(), SOUP_BASE),
          null, soupBaseEpochs(epochs)));
      List<String> ids = ids("soup", e.members());
      for (String id : ids) {
        second.add(TrialSpec.of(plain, id, Map.of()).segment(id, TrialSeeds.derive(spec.seed(), id),
            ArtifactRole.MODEL.key(SOUP_BASE), epochs));
      }
      members.put("soup", ids);
    }
    return new EnsemblePlan(first, second, members);
  }

  /** A shard ensemble's members, added to the first stage; their ids. */
  private static List<String> shardMembers(ExperimentSpec plain, String prefix, Long sharedSeed, List<TrialSpec> first) {
    List<TrialSpec> members = ShardMembers.of(plain, plain.ensemble().shards(), prefix, sharedSeed);
    first.addAll(members);
    return members.stream().map(TrialSpec::trialId).toList();
  }

  /** Soup members share the weights trained for the first half of the epochs. */
  static int soupBaseEpochs(int epochs) {
    return Math.max(1, epochs / 2);
  }

  static long bootstrapSeed(ExperimentSpec spec, String memberId) {
    return TrialSeeds.derive(spec.seed(), memberId + "/bootstrap");
  }

  /** The baseline run keeps the SWA and EMA averages when those strategies are asked for. */
  private static ExperimentSpec baselineConfig(ExperimentSpec plain, Set<EnsembleStrategy> strategies) {
    Map<String, Object> v = new HashMap<>();
    var averaging = plain.train().averaging();
    if (strategies.contains(EnsembleStrategy.SWA) && averaging.swaStartEpoch() == null) {
      v.put("train.averaging.swaStartEpoch", (int) Math.floor(plain.train().epochs() * SWA_START_FRACTION));
    }
    if (strategies.contains(EnsembleStrategy.EMA) && averaging.emaDecay() == null) {
      v.put("train.averaging.emaDecay", DEFAULT_EMA_DECAY);
    }
    return v.isEmpty() ? plain : ConfigLoader.withValues(plain, v);
  }

  /** The config with snapshot settings applied; a conflict is reported against the ensemble section. */
  private static ExperimentSpec values(ExperimentSpec spec, Map<String, ?> values, String section) {
    try {
      return ConfigLoader.withValues(spec, values);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(section + " cannot be applied to this config: " + e.getMessage());
    }
  }

  private static List<String> ids(String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(String.format("%s-%02d", prefix, i));
    }
    return ids;
  }

  List<TrialSpec> all() {
    List<TrialSpec> all = new ArrayList<>(firstStage);
    all.addAll(secondStage);
    return all;
  }
}
