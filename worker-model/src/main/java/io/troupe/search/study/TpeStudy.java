package io.troupe.search.study;

import io.troupe.config.ExperimentSpec;
import io.troupe.config.TpeSpec;
import io.troupe.data.Seeds;
import io.troupe.search.Repeats;
import io.troupe.search.tpe.Observation;
import io.troupe.search.tpe.TpeSampler;
import io.troupe.search.tpe.TpeSettings;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search that learns: each configuration's values come from the Parzen-estimator sampler (TPE)
 * given every configuration told so far, in the order told, and the ones still running (a constant
 * liar, so parallel asks spread out). Its first search.tpe.startupTrials configurations are random
 * search's, value for value. A configuration run search.repeats times is observed once, by the mean
 * of its repeats; a diverged or failed one counts as the worst.
 */
public final class TpeStudy implements Study {
  private final ExperimentSpec spec;
  private final TpeSampler sampler;
  private final String metric;
  private final int configurations;
  private final Backlog backlog = new Backlog();
  /** Configurations asked and not yet observed: their values and their repeats' objectives so far. */
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<Observation> observed = new ArrayList<>();
  private int asked;

  private record Running(Map<String, Object> params, List<Double> objectives) {}

  public TpeStudy(ExperimentSpec spec) {
    this.spec = spec;
    TpeSpec tpe = spec.search().tpe();
    TpeSettings settings = new TpeSettings(tpe.startupTrials(), tpe.candidates(), tpe.multivariate(),
        tpe.priorWeight());
    // The random sampler's stream: the start-up configurations are random search's own.
    this.sampler = new TpeSampler(spec.search().space(), spec.objectiveDirection(), settings,
        Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM));
    this.metric = spec.objectiveMetric().configName();
    this.configurations = spec.search().trials();
  }

  @Override
  public Optional<TrialSpec> ask() {
    if (!backlog.hasPlanned() && asked < configurations) {
      List<Map<String, Object>> pending = running.values().stream().map(Running::params).toList();
      Map<String, Object> values = sampler.suggest(asked, observed, pending);
      List<TrialSpec> repeats = TrialPlanner.configuration(spec, "", asked, values, Map.of());
      running.put(TrialPlanner.trialId("", asked), new Running(values, new ArrayList<>()));
      backlog.add(repeats);
      asked++;
    }
    return backlog.next();
  }

  @Override
  public void tell(Told result) {
    backlog.told();
    String configuration = Repeats.configurationOf(result.trialId());
    Running r = running.get(configuration);
    r.objectives().add(result.metric(metric));
    if (r.objectives().size() == spec.search().repeats()) {
      running.remove(configuration);
      observed.add(new Observation(r.params(), mean(r.objectives())));
    }
  }

  @Override
  public boolean finished() {
    return asked == configurations && backlog.idle();
  }

  @Override
  public int expected() {
    return configurations * spec.search().repeats();
  }

  /** The mean of the scored repeats; NaN (the worst) when none scored. */
  private static double mean(List<Double> objectives) {
    double[] scored = objectives.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
    return scored.length == 0 ? Double.NaN : java.util.Arrays.stream(scored).average().orElseThrow();
  }
}
