package io.troupe.search.study;

import io.troupe.trial.TrialResult;
import io.troupe.trial.TrialStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A trial's result as a search hears it: how it ended, its metrics and where its artifacts are
 * (a continued trial needs its checkpoint). The same whether it just arrived from an executor or
 * is replayed from the store on --resume.
 */
public record Told(String trialId, TrialStatus status, Map<String, Object> params, Map<String, Double> metrics,
    Map<String, String> artifacts) {

  public Told {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(status, "status");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
  }

  /** A result as it arrives from a trial. */
  public static Told of(TrialResult r) {
    return new Told(r.info().trialId(), r.status(), r.info().params(), r.info().metrics(), r.info().artifacts());
  }

  /** The metric, or NaN when the trial has none (diverged, failed, pruned): never among the best. */
  public double metric(String name) {
    Double v = status == TrialStatus.COMPLETED ? metrics.get(name) : null;
    return v == null ? Double.NaN : v;
  }
}
