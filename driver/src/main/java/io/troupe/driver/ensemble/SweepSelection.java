package io.troupe.driver.ensemble;

import io.troupe.InvalidInputException;
import io.troupe.artifacts.ArtifactRole;
import io.troupe.artifacts.ArtifactStore;
import io.troupe.api.InputLayout;
import io.troupe.artifacts.ModelArtifacts;
import io.troupe.config.Combiner;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.SelectionSpec;
import io.troupe.data.Dataset;
import io.troupe.data.DataSplits;
import io.troupe.data.Task;
import io.troupe.driver.store.ResultStore;
import io.troupe.driver.store.StoredTrial;
import io.troupe.ensemble.Combiners;
import io.troupe.ensemble.ComparisonRow;
import io.troupe.ensemble.ComparisonTable;
import io.troupe.ensemble.ComparisonUncertainty;
import io.troupe.ensemble.EnsembleFigures;
import io.troupe.ensemble.EnsembleSelection;
import io.troupe.ensemble.MemberScoring;
import io.troupe.ensemble.ScoredModel;
import io.troupe.eval.ClassificationMetrics;
import io.troupe.eval.Predictions;
import io.troupe.eval.RegressionMetrics;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.trial.TrialStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ensembles of a finished sweep's trials from the predictions each trial stored, with no training
 * and no network loaded: the best trial alone, the top k averaged and voted, and greedy ensemble
 * selection with replacement ({@link EnsembleSelection}) on validation, all scored on test. Only
 * COMPLETED trials are candidates; of an ASHA trial, its last completed rung; of a PBT member, its last
 * completed generation.
 */
public final class SweepSelection {
  /** The tables go to {@code <run>/selection/}. */
  public static final String DIR = "selection";
  /** An ASHA or Hyperband rung run ({@code b1-t0003-r2}) or a PBT generation ({@code p03-g4}). */
  private static final Pattern RUNG = Pattern.compile("(.+)-[rg](\\d+)");

  private SweepSelection() {}

  /** One trial that can join: its record and its stored predictions. */
  record Candidate(StoredTrial trial, Predictions validation, Predictions test) {
    String id() {
      return trial.trialId();
    }

    /** Epochs trained along the trial's whole lineage: an ASHA rung's history is numbered on from its checkpoint. */
    double epochs() {
      var history = trial.json().get("history");
      if (history != null && history.isArray() && history.size() > 0) {
        return history.get(history.size() - 1).get("epoch").asDouble();
      }
      return trial.metric("epochs_run");
    }
  }

  /** One greedy step: the trial added, and the ensemble's validation objective and test figure after it. */
  public record Step(int step, String added, int members, double validation, double test) {}

  /**
   * @param table the comparison rows
   * @param steps greedy selection, step by step
   * @param weights each chosen trial's weight (share of the selection's members), in trial order
   * @param candidates trials that could join
   * @param skipped ended trials that could not (not COMPLETED, or an ASHA trial's earlier rungs)
   */
  public record Outcome(ComparisonTable table, List<Step> steps, Map<String, Double> weights, int candidates,
      int skipped, List<String> notes) {}

  /**
   * @param run the sweep's run directory ({@code <out>/<name>}), where its records are
   * @param artifacts its artifacts ({@code <out>/<name>/artifacts}), where the predictions are
   */
  public static Outcome build(ExperimentSpec spec, DataSplits splits, ArtifactStore run, ArtifactStore artifacts)
      throws IOException {
    Map<String, StoredTrial> latest = ResultStore.open(run).latest();
    List<StoredTrial> usable = lastRungs(latest.values().stream()
        .filter(t -> t.status() == TrialStatus.COMPLETED).toList());
    long ended = latest.values().stream().filter(t -> t.status() != TrialStatus.PRUNED).count();
    if (usable.isEmpty()) {
      throw new InvalidInputException(run.describe("") + ": no COMPLETED sweep trial to build ensembles from ("
          + latest.size() + " records); run the sweep first, with the same config and --out");
    }
    Dataset validation = splits.validation();
    if (validation.size() == 0) {
      throw new InvalidInputException("data.validation: ensemble selection chooses on validation predictions, but"
          + " the validation part is empty");
    }
    ToDoubleFunction<Predictions> objective = objective(spec, validation);
    List<Candidate> candidates = new ArrayList<>();
    for (StoredTrial t : usable) {
      candidates.add(new Candidate(t, read(artifacts, t, ArtifactRole.PREDICTIONS_VAL),
          read(artifacts, t, ArtifactRole.PREDICTIONS_TEST)));
    }
    // Best first by the objective on validation, ties by trial id (the order the leaderboard uses).
    candidates.sort(Comparator.comparingDouble((Candidate c) -> -objective.applyAsDouble(c.validation()))
        .thenComparing(Candidate::id));
    Outcome outcome = assemble(spec, splits, candidates, objective, (int) (ended - usable.size()));
    if (spec.ensemble().combiners().contains(Combiner.PARAMETER_AVERAGE)) {
      outcome = withNegativeControl(outcome, spec, splits, candidates, artifacts);
    }
    return outcome;
  }

  /**
   * Parameter averaging means something only for weights of one lineage (snapshots or SWA of one
   * run, a soup fine-tuned from one checkpoint); a sweep's trials each start from their own seed. So
   * it is refused as an ensemble, and measured once as the seeds' negative control: the best trials
   * that share the best one's architecture (up to top k), averaged with batch norm re-estimated.
   */
  private static Outcome withNegativeControl(Outcome o, ExperimentSpec spec, DataSplits splits,
      List<Candidate> ranked, ArtifactStore artifacts) throws IOException {
    List<String> notes = new ArrayList<>(o.notes());
    notes.add("parameter-average: refused as an ensemble of a sweep's trials: each starts from its own"
        + " initialisation, so their weights do not line up; the row below is the measured negative control");
    InputLayout layout = Networks.layout(spec, NetworkShape.of(splits.train()),
        spec.model().file() == null ? ModelFile.NONE : ModelFile.staged(artifacts));
    List<Candidate> sameShape = new ArrayList<>();
    Map<String, long[]> shape = null;
    for (Candidate c : ranked) {
      String key = c.trial().artifact(ArtifactRole.MODEL).orElse(null);
      if (key == null) {
        continue;
      }
      Map<String, long[]> own = shapes(ModelArtifacts.load(artifacts, key, false).paramTable());
      if (shape == null) {
        shape = own;
      }
      if (sameShapes(shape, own)) {
        sameShape.add(c);
      }
      if (sameShape.size() == spec.ensemble().selection().topK()) {
        break;
      }
    }
    List<ComparisonRow> rows = new ArrayList<>(o.table().rows());
    if (sameShape.size() < 2) {
      notes.add("parameter-average: no two of the best trials share an architecture, so not even the negative"
          + " control can be measured");
    } else {
      List<String> keys = sameShape.stream().map(c -> c.trial().artifact(ArtifactRole.MODEL).orElseThrow()).toList();
      ScoredModel averaged = new MemberScoring(artifacts, splits, true, layout)
          .average(keys, DIR + "/negative-control-parameter-average.zip");
      ComparisonRow control = row("negative-control-" + sameShape.size(), "parameter-average", sameShape,
          averaged.test(), splits.test(), null, againstBest(splits.test(), ranked));
      // One parameter set, one forward pass, as any parameter average.
      rows.add(new ComparisonRow(control.strategy(), control.combiner(), control.members(), control.trainEpochs(), 1, 1,
          control.figures()));
    }
    return new Outcome(new ComparisonTable(rows), o.steps(), o.weights(), o.candidates(), o.skipped(), notes);
  }

  private static Map<String, long[]> shapes(Map<String, org.nd4j.linalg.api.ndarray.INDArray> params) {
    Map<String, long[]> out = new java.util.TreeMap<>();
    params.forEach((k, v) -> out.put(k, v.shape()));
    return out;
  }

  private static boolean sameShapes(Map<String, long[]> a, Map<String, long[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
  }

  private static Outcome assemble(ExperimentSpec spec, DataSplits splits, List<Candidate> ranked,
      ToDoubleFunction<Predictions> objective, int skipped) {
    SelectionSpec s = spec.ensemble().selection();
    Dataset test = splits.test();
    boolean classification = test.task() == Task.CLASSIFICATION;
    List<ComparisonRow> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Candidate best = ranked.get(0);
    ComparisonUncertainty uncertainty = againstBest(test, ranked);
    rows.add(row("best-trial", "-", List.of(best), best.test(), test, null, uncertainty));

    List<Candidate> top = ranked.subList(0, Math.min(s.topK(), ranked.size()));
    if (top.size() < s.topK()) {
      notes.add("top-k: ensemble.selection.topK is " + s.topK() + " but only " + top.size() + " trials completed");
    }
    List<Predictions> topTest = top.stream().map(Candidate::test).toList();
    rows.add(row("top-" + top.size(), "average", top, Combiners.average(topTest), test, null, uncertainty));
    if (classification) {
      Combiners.Vote vote = Combiners.vote(topTest, null);
      rows.add(row("top-" + top.size(), "vote", top, vote.shares(), test, vote.ties(), uncertainty));
    }

    List<Predictions> validation = ranked.stream().map(Candidate::validation).toList();
    List<Predictions> testAll = ranked.stream().map(Candidate::test).toList();
    EnsembleSelection.Result greedy = EnsembleSelection.select(validation, objective, s.initial(), s.steps());
    rows.add(selectionRow("selection", ranked, greedy, testAll, test, uncertainty));
    List<Step> steps = new ArrayList<>();
    int n = 0;
    for (EnsembleSelection.Step step : greedy.steps()) {
      Predictions combined = EnsembleSelection.weighted(testAll, step.counts());
      steps.add(new Step(++n, ranked.get(step.candidate()).id(), step.members(), step.validationScore(),
          EnsembleFigures.headline(combined, test)));
    }
    if (s.bags() > 0) {
      EnsembleSelection.Result bagged = EnsembleSelection.bagged(validation, objective, s.initial(), s.steps(),
          s.bags(), s.bagFraction(), spec.seed());
      rows.add(selectionRow("selection-bagged", ranked, bagged, testAll, test, uncertainty));
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    double[] w = greedy.weights();
    for (int i = 0; i < ranked.size(); i++) {
      if (w[i] > 0) {
        weights.put(ranked.get(i).id(), w[i]);
      }
    }
    notes.add(String.format(Locale.ROOT, "%d completed trials were candidates; %d ended trials were skipped (not"
        + " COMPLETED, or an ASHA trial's earlier rungs); no training: every member is a stored trial",
        ranked.size(), skipped));
    return new Outcome(new ComparisonTable(rows), steps, weights, ranked.size(), skipped, notes);
  }

  private static ComparisonRow selectionRow(String strategy, List<Candidate> ranked, EnsembleSelection.Result r,
      List<Predictions> testAll, Dataset test, ComparisonUncertainty uncertainty) {
    int[] counts = r.counts();
    List<Candidate> chosen = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        chosen.add(ranked.get(i));
      }
    }
    return row(strategy, "weighted-average", chosen, EnsembleSelection.weighted(testAll, counts), test, null,
        uncertainty);
  }

  /**
   * Compute already spent: the chosen trials' own epochs (nothing is trained for the ensemble). The
   * figures carry their intervals and, against the best trial, their p-values.
   */
  private static ComparisonRow row(String strategy, String combiner, List<Candidate> members, Predictions combined,
      Dataset test, Integer ties, ComparisonUncertainty uncertainty) {
    double epochs = members.stream().mapToDouble(Candidate::epochs).sum();
    List<Predictions> own = members.size() > 1 ? members.stream().map(Candidate::test).toList() : List.of();
    Map<String, Double> figures = new LinkedHashMap<>(EnsembleFigures.of(combined, own, test, ties));
    figures.putAll(uncertainty.of(combined));
    return new ComparisonRow(strategy, combiner, members.size(), epochs, members.size(), members.size(), figures);
  }

  /** Every row is tested against the best single trial, the one a sweep alone would pick. */
  private static ComparisonUncertainty againstBest(Dataset test, List<Candidate> ranked) {
    return new ComparisonUncertainty(test, ranked.get(0).test());
  }

  /** The experiment's objective on validation predictions, as a score where higher is better. */
  static ToDoubleFunction<Predictions> objective(ExperimentSpec spec, Dataset validation) {
    return switch (spec.objectiveMetric()) {
      // Selection scores thousands of candidate averages: accuracy alone, labels read once.
      case VAL_ACCURACY -> {
        int[] labels = EnsembleFigures.labels(validation);
        yield p -> ClassificationMetrics.accuracy(p, labels);
      }
      case VAL_LOSS -> validation.task() == Task.CLASSIFICATION
          ? p -> -ClassificationMetrics.of(p, validation).nll()
          : p -> -RegressionMetrics.of(p, validation).mse();
      case VAL_MSE -> p -> -RegressionMetrics.of(p, validation).mse();
    };
  }

  /** Of the trials an ASHA sweep continued rung after rung ({@code t0003-r0, -r1, ...}), the last one. */
  public static List<StoredTrial> lastRungs(List<StoredTrial> completed) {
    Map<String, StoredTrial> byBase = new LinkedHashMap<>();
    Map<String, Integer> rung = new LinkedHashMap<>();
    for (StoredTrial t : completed) {
      Matcher m = RUNG.matcher(t.trialId());
      String base = m.matches() ? m.group(1) : t.trialId();
      int r = m.matches() ? Integer.parseInt(m.group(2)) : 0;
      if (!rung.containsKey(base) || r > rung.get(base)) {
        rung.put(base, r);
        byBase.put(base, t);
      }
    }
    return List.copyOf(byBase.values());
  }

  private static Predictions read(ArtifactStore artifacts, StoredTrial t, ArtifactRole role) {
    String key = t.artifact(role).orElseThrow(() -> new InvalidInputException(t.trialId() + ": its record names no "
        + role.entry() + " artifact; it was stored by a Troupe that did not keep predictions"));
    try (InputStream in = artifacts.open(key)) {
      return Predictions.readFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifacts.describe(key) + " of trial " + t.trialId(), e);
    }
  }

  /**
   * The greedy steps as CSV, what each member adds: the validation objective as selection saw it
   * (accuracy, or minus the NLL or MSE) and the test figure ({@code accuracy} or {@code mse}).
   */
  public static String stepsCsv(List<Step> steps, String testFigure) {
    StringBuilder s = new StringBuilder("step,added,members,validation_objective,test_" + testFigure + "\n");
    for (Step st : steps) {
      s.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s%n", st.step(), st.added(), st.members(),
          st.validation(), st.test()));
    }
    return s.toString();
  }

}
