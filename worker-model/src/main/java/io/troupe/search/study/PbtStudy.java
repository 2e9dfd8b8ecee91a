package io.troupe.search.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.ConfigLoader;
import io.troupe.config.ConfigTree;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.PbtSpec;
import io.troupe.data.Seeds;
import io.troupe.search.PbtExploit;
import io.troupe.search.PbtExplore;
import io.troupe.search.RandomSampler;
import io.troupe.trial.TrialSeeds;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Population-based training in synchronous generations. The members ({@code p01, p02, ...}) start
 * from values sampled from search.space (the first of a random search's samples) and train
 * pbt.interval epochs at a time, each generation a record {@code p03-g2} continuing the member's
 * checkpoint (so a member is never restarted). Once every member has reported a generation, the
 * bottom quantile copies a top member's checkpoint and values ({@link PbtExploit}) and perturbs the
 * mutable ones ({@link PbtExplore}); the record of a generation that copied names its source under
 * {@link #COPIED} in its params. A member's last generation is its final record. Deterministic:
 * decisions depend on the seed, the generation and the scores, not on arrival order.
 */
public final class PbtStudy implements Study {
  /** The params key of a generation that copied another member: the record whose checkpoint it continues. */
  public static final String COPIED = "pbt.copied";
  private static final long STREAM = 0x9B7L;

  /** One member: its current values, and where and how it continues next generation. */
  private static final class Member {
    final String id;
    final long seed;
    Map<String, Object> values;
    /** The config with the member's values, resolved again only when they change (it is not free). */
    String configYaml;
    String checkpoint;
    String copied;

    Member(String id, long seed, Map<String, Object> values) {
      this.id = id;
      this.seed = seed;
      this.values = values;
    }
  }

  private final ExperimentSpec spec;
  private final Consumer<String> notes;
  private final PbtSpec pbt;
  private final PbtExplore explore;
  private final String metric;
  private final int generations;
  private final long seed;
  private final List<Member> members = new ArrayList<>();
  private final Backlog backlog = new Backlog();
  private final Map<String, Told> reports = new HashMap<>();
  private int generation = -1;
  private boolean extinct;

  public PbtStudy(ExperimentSpec spec, Consumer<String> notes) {
    this.spec = spec;
    this.notes = notes;
    this.pbt = spec.search().pbt();
    this.explore = new PbtExplore(pbt, spec.search().space(), (path, value) -> accepts(spec, path, value));
    this.metric = spec.objectiveMetric().configName();
    this.generations = pbt.generations(spec.train().epochs());
    this.seed = Seeds.derive(spec.seed(), STREAM);
    List<Map<String, Object>> sampled = RandomSampler.samples(spec.search().space(),
        Seeds.derive(spec.seed(), TrialPlanner.SEARCH_STREAM), pbt.population());
    String format = "p%0" + Math.max(2, String.valueOf(pbt.population()).length()) + "d";
    for (int i = 0; i < pbt.population(); i++) {
      Map<String, Object> values = new LinkedHashMap<>(sampled.get(i));
      for (String path : pbt.mutable()) {
        values.computeIfAbsent(path, p -> configValue(spec, p));
      }
      String id = String.format(format, i + 1);
      members.add(new Member(id, TrialSeeds.derive(spec.seed(), id), values));
    }
    notes.accept(String.format("pbt: %d members, %d generations of %d epochs, perturbing %s", members.size(),
        generations, pbt.interval(), String.join(", ", pbt.mutable())));
    startGeneration(0);
  }

  static String runId(String memberId, int generation) {
    return memberId + "-g" + generation;
  }

  @Override
  public Optional<TrialSpec> ask() {
    if (backlog.idle() && !extinct && generation + 1 < generations) {
      evolve();
      if (!extinct) {
        startGeneration(generation + 1);
      }
    }
    return backlog.next();
  }

  @Override
  public void tell(Told result) {
    backlog.told();
    String id = result.trialId();
    reports.put(id.substring(0, id.lastIndexOf("-g")), result);
  }

  @Override
  public boolean finished() {
    return backlog.idle() && (extinct || generation + 1 == generations);
  }

  @Override
  public int expected() {
    return members.size() * (extinct ? generation + 1 : generations);
  }

  private void startGeneration(int g) {
    generation = g;
    reports.clear();
    int stopAt = Math.min((g + 1) * pbt.interval(), spec.train().epochs());
    for (Member m : members) {
      Map<String, Object> params = new TreeMap<>(m.values);
      if (m.copied != null) {
        params.put(COPIED, m.copied);
      }
      if (m.configYaml == null || m.copied != null) {
        m.configYaml = ConfigLoader.toYaml(ConfigLoader.withValues(spec, m.values));
      }
      backlog.add(List.of(new TrialSpec(runId(m.id, g), m.configYaml, m.seed, params, null, null, m.checkpoint, stopAt)));
    }
  }

  /** Exploit and explore at the end of a generation: who continues what, with which values. */
  private void evolve() {
    Map<String, Double> scores = new TreeMap<>();
    members.forEach(m -> scores.put(m.id, reports.get(m.id).metric(metric)));
    if (scores.values().stream().noneMatch(Double::isFinite)) {
      extinct = true;
      notes.accept(String.format("pbt: no member has a %s after generation %d (all diverged or failed); it ends here",
          metric, generation));
      return;
    }
    long generationSeed = Seeds.derive(seed, generation);
    SortedMap<String, String> copies = PbtExploit.decide(scores, spec.objectiveDirection(), pbt.quantile(),
        new Random(Seeds.derive(generationSeed, 0)));
    Map<String, Member> byId = new HashMap<>();
    members.forEach(m -> byId.put(m.id, m));
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String from = copies.get(m.id);
      if (from == null) {
        m.checkpoint = ArtifactRole.MODEL.key(runId(m.id, generation));
        m.copied = null;
        continue;
      }
      Member donor = byId.get(from);
      m.values = explore.explore(donor.values, new Random(Seeds.derive(generationSeed, i + 1)));
      m.checkpoint = ArtifactRole.MODEL.key(runId(donor.id, generation));
      m.copied = runId(donor.id, generation);
      notes.accept(String.format("pbt g%d: %s (%s %s) copies %s (%s): %s", generation, m.id, metric,
          text(scores.get(m.id)), m.copied, text(scores.get(donor.id)), PbtExplore.changes(donor.values, m.values)));
    }
  }

  private static String text(double v) {
    return Double.isFinite(v) ? String.format("%.4f", v) : "none";
  }

  /** A mutable path's value in the config, for a path search.space does not sample (PbtChecks made sure it is a number). */
  private static Object configValue(ExperimentSpec spec, String path) {
    JsonNode node = ConfigTree.get(ConfigTree.of(spec), path);
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? (Object) node.asInt() : (Object) node.asLong();
    }
    return node.asDouble();
  }

  private static boolean accepts(ExperimentSpec spec, String path, Object value) {
    try {
      ConfigLoader.withValues(spec, Map.of(path, value));
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }
}
