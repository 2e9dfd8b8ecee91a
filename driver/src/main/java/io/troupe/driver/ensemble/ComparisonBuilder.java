package io.troupe.driver.ensemble;

import io.troupe.artifacts.ArtifactRole;
import io.troupe.config.Combiner;
import io.troupe.config.EnsembleStrategy;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Dataset;
import io.troupe.data.Task;
import io.troupe.data.bootstrap.BootstrapSample;
import io.troupe.driver.store.StoredTrial;
import io.troupe.ensemble.Combiners;
import io.troupe.ensemble.ComparisonRow;
import io.troupe.ensemble.ComparisonUncertainty;
import io.troupe.ensemble.EnsembleFigures;
import io.troupe.ensemble.MemberScoring;
import io.troupe.ensemble.MembersCurve;
import io.troupe.ensemble.OutOfBag;
import io.troupe.ensemble.ScoredModel;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the finished member trials into the comparison's rows, one per strategy and combiner,
 * and the accuracy-vs-members curves. Compute is counted in training epochs over the training
 * part, storage in parameter sets kept; a parameter average needs only a running sum beside the
 * weights being trained, so it counts 2 (seed 002: "1x compute, 2x storage").
 */
final class ComparisonBuilder {
  private static final String NONE = "-";

  private final ExperimentSpec spec;
  private final DataSplits splits;
  private final EnsemblePlan plan;
  private final Map<String, StoredTrial> results;
  private final MemberSource source;
  private final Set<EnsembleStrategy> strategies;
  private final List<ComparisonRow> rows = new ArrayList<>();
  private final List<MembersCurve.Point> curve = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, ScoredModel> scored = new java.util.HashMap<>();
  private final Dataset test;
  private final int epochs;
  /** Intervals and tests against the baseline's predictions; set once the baseline is known. */
  private ComparisonUncertainty uncertainty;

  ComparisonBuilder(ExperimentSpec spec, DataSplits splits, EnsemblePlan plan, Map<String, StoredTrial> results,
      MemberSource source, Set<EnsembleStrategy> strategies) {
    this.spec = spec;
    this.splits = splits;
    this.plan = plan;
    this.results = results;
    this.source = source;
    this.strategies = strategies;
    this.test = splits.test();
    this.epochs = spec.train().epochs();
  }

  List<ComparisonRow> rows() {
    return rows;
  }

  List<MembersCurve.Point> curve() {
    return curve;
  }

  List<String> notes() {
    return notes;
  }

  void build() {
    List<ScoredModel> baseline = completed("single");
    uncertainty = new ComparisonUncertainty(test, baseline.isEmpty() ? null : baseline.get(0).test());
    if (!baseline.isEmpty()) {
      ScoredModel b = baseline.get(0);
      rows.add(new ComparisonRow("single", NONE, 1, epochs, 1, 1, figures(b.test(), List.of(b.test()), null)));
    }
    if (strategies.contains(EnsembleStrategy.TRUE) || strategies.contains(EnsembleStrategy.INDEPENDENT_AVERAGE)) {
      List<ScoredModel> members = completed("true");
      if (strategies.contains(EnsembleStrategy.TRUE)) {
        predictionRows("true", members, epochs * (double) members.size(), null);
      }
      if (strategies.contains(EnsembleStrategy.INDEPENDENT_AVERAGE) || combiners().contains(Combiner.PARAMETER_AVERAGE)) {
        averageRow("independent-average", members, epochs * (double) members.size(), "ensembles/independent-average.zip");
      }
    }
    if (strategies.contains(EnsembleStrategy.BAGGING)) {
      bagging();
    }
    for (String group : List.of(EnsemblePlan.SHARDS, EnsemblePlan.SHARDS_SHARED_INIT)) {
      if (plan.members().containsKey(group)) {
        shards(group);
      }
    }
    for (String run : List.of(EnsemblePlan.SNAPSHOTS, EnsemblePlan.CONTROL)) {
      if (plan.members().containsKey(run)) {
        snapshots(run);
      }
    }
    if (strategies.contains(EnsembleStrategy.SWA)) {
      averagedRun("swa", ArtifactRole.SWA);
    }
    if (strategies.contains(EnsembleStrategy.EMA)) {
      averagedRun("ema", ArtifactRole.EMA);
    }
    if (strategies.contains(EnsembleStrategy.SOUP)) {
      soup();
    }
  }

  private void bagging() {
    List<String> ids = completedIds("bagging");
    List<ScoredModel> members = ids.stream().map(this::scored).toList();
    List<int[]> oobRows = new ArrayList<>();
    List<Predictions> oobPredictions = new ArrayList<>();
    if (test.task() == Task.CLASSIFICATION) {
      for (String id : ids) {
        oobRows.add(BootstrapSample.draw(splits.train().size(), spec.ensemble().bootstrapFraction(),
            EnsemblePlan.bootstrapSeed(spec, id)).outOfBag());
        oobPredictions.add(source.outOfBag(results.get(id)));
      }
    }
    int[] trainLabels = oobPredictions.isEmpty() ? null : EnsembleFigures.labels(splits.train());
    double compute = epochs * spec.ensemble().bootstrapFraction() * members.size();
    predictionRows("bagging", members, compute, (combiner, weights) -> trainLabels == null ? Double.NaN
        : OutOfBag.accuracy(trainLabels, oobRows, oobPredictions, combiner, weights));
  }

  /**
   * Members that each saw 1/M of the training part: together one pass's compute per epoch, as a
   * single member. Always with a parameter-average row: a negative control when the members
   * started apart (shards), one-shot parameter averaging when they shared their start
   * (shards-shared-init).
   */
  private void shards(String group) {
    List<ScoredModel> members = completed(group);
    predictionRows(group, members, epochs, null);
    averageRow(group, members, epochs, "ensembles/" + group + "-average.zip");
  }

  private void snapshots(String run) {
    StoredTrial t = results.get(run);
    if (t == null || t.status() != TrialStatus.COMPLETED) {
      notes.add(run + ": the run did not complete (" + (t == null ? "not run" : t.status()) + "); no rows");
      return;
    }
    List<String> keys = t.artifacts(ArtifactRole.SNAPSHOT);
    if (keys.size() != spec.ensemble().snapshots().count()) {
      notes.add(run + ": " + keys.size() + " snapshots were taken, " + spec.ensemble().snapshots().count() + " planned");
    }
    if (keys.isEmpty()) {
      return;
    }
    List<ScoredModel> members = source.saved(keys);
    predictionRows(run, members, epochs, null);
    if (combiners().contains(Combiner.PARAMETER_AVERAGE)) {
      averageRow(run, members, epochs, "ensembles/" + run + "-average.zip");
    }
  }

  /** SWA or EMA weights the baseline run kept (batch norm already re-estimated by the trial). */
  private void averagedRun(String strategy, ArtifactRole role) {
    StoredTrial t = results.get(EnsemblePlan.BASELINE);
    Optional<String> key = t == null ? Optional.empty() : t.artifact(role);
    if (key.isEmpty()) {
      notes.add(strategy + ": the baseline run kept no " + role.entry() + " weights; no row");
      return;
    }
    ScoredModel averaged = source.saved(List.of(key.get())).get(0);
    Integer swaStart = plan.firstStage().get(0).experiment().train().averaging().swaStartEpoch();
    int members = strategy.equals("swa") && swaStart != null ? epochs - swaStart : 1;
    rows.add(new ComparisonRow(strategy, Combiner.PARAMETER_AVERAGE.configName(), members, epochs, 2, 1,
        figures(averaged.test(), List.of(), null)));
  }

  private void soup() {
    List<ScoredModel> members = completed("soup");
    if (members.isEmpty()) {
      return;
    }
    MemberScoring.Soup soup = source.soup(members.stream().map(ScoredModel::key).toList(), "ensembles/soup.zip");
    int base = EnsemblePlan.soupBaseEpochs(epochs);
    double compute = base + (double) (epochs - base) * members.size();
    List<Predictions> ingredients = members.stream().filter(m -> soup.ingredients().contains(m.key()))
        .map(ScoredModel::test).toList();
    rows.add(new ComparisonRow("soup", Combiner.PARAMETER_AVERAGE.configName(), soup.ingredients().size(), compute, 2, 1,
        figures(soup.model().test(), ingredients, null)));
    notes.add("soup: " + soup.ingredients().size() + " of " + members.size() + " members joined the greedy soup");
  }

  private interface OobScore {
    double of(Combiner combiner, double[] weights);
  }

  /** One row per prediction combiner asked for (average, vote, weighted-vote), and their curves. */
  private void predictionRows(String strategy, List<ScoredModel> members, double compute, OobScore oob) {
    if (members.isEmpty()) {
      return;
    }
    List<Predictions> testPredictions = members.stream().map(ScoredModel::test).toList();
    double[] weights = validationAccuracies(members);
    int m = members.size();
    for (Combiner c : combiners()) {
      if (c == Combiner.PARAMETER_AVERAGE) {
        continue;
      }
      Predictions combined;
      Integer ties = null;
      if (c == Combiner.AVERAGE) {
        combined = Combiners.average(testPredictions);
      } else {
        Combiners.Vote vote = Combiners.vote(testPredictions, c == Combiner.WEIGHTED_VOTE ? weights : null);
        combined = vote.shares();
        ties = vote.ties();
      }
      Map<String, Double> figures = figures(combined, testPredictions, ties);
      if (oob != null) {
        double o = oob.of(c, weights);
        if (!Double.isNaN(o)) {
          figures.put("oob_accuracy", o);
        }
      }
      rows.add(new ComparisonRow(strategy, c.configName(), m, compute, m, m, figures));
      curve.addAll(MembersCurve.of(strategy, c, testPredictions, weights, test));
    }
  }

  private void averageRow(String strategy, List<ScoredModel> members, double compute, String saveKey) {
    if (members.isEmpty()) {
      return;
    }
    ScoredModel averaged = source.average(members.stream().map(ScoredModel::key).toList(), saveKey);
    rows.add(new ComparisonRow(strategy, Combiner.PARAMETER_AVERAGE.configName(), members.size(), compute, 2, 1,
        figures(averaged.test(), members.stream().map(ScoredModel::test).toList(), null)));
  }

  /** The row's test figures with their intervals and, against the baseline, their p-values. */
  private Map<String, Double> figures(Predictions combined, List<Predictions> members, Integer ties) {
    Map<String, Double> f = new LinkedHashMap<>(EnsembleFigures.of(combined, members, test, ties));
    f.putAll(uncertainty.of(combined));
    return f;
  }

  /** Weighted voting weighs each member by its validation accuracy; null (equal) without validation data. */
  private double[] validationAccuracies(List<ScoredModel> members) {
    Dataset validation = splits.validation();
    if (validation.size() == 0 || validation.task() != Task.CLASSIFICATION) {
      return null;
    }
    double[] w = new double[members.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = ClassificationMetrics.of(members.get(i).validation(), validation).accuracy();
    }
    return w;
  }

  private List<ScoredModel> completed(String group) {
    return completedIds(group).stream().map(this::scored).toList();
  }

  /** The group's members that completed, in planned order; the others are noted as left out. */
  private List<String> completedIds(String group) {
    List<String> ids = plan.members().get(group);
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      StoredTrial t = results.get(id);
      if (t != null && t.status() == TrialStatus.COMPLETED) {
        out.add(id);
      }
    }
    noteMissing(group, ids.size(), out.size());
    return out;
  }

  /** A member's saved predictions, read once (the baseline is also the true ensemble's first member). */
  private ScoredModel scored(String id) {
    return scored.computeIfAbsent(id, k -> source.trial(results.get(k)));
  }

  private void noteMissing(String group, int planned, int completed) {
    if (completed < planned) {
      notes.add(group + ": " + completed + " of " + planned + " members completed; the others (diverged or failed,"
          + " see trials.jsonl) are left out");
    }
  }

  private List<Combiner> combiners() {
    return spec.ensemble().combiners();
  }
}
