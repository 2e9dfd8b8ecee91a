package io.troupe.jobs.mllib;

import io.troupe.InvalidInputException;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ModelType;
import io.troupe.config.SearchStrategy;
import io.troupe.data.Task;
import io.troupe.trial.TrialSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a Troupe grid onto Spark MLlib's MultilayerPerceptronClassifier, point for point, so the two
 * grids cannot drift apart: each trial the sweep plans becomes one MLlib fit with
 * {@code layers = [features, model.hidden..., classes]} and
 * {@code maxIter = MAX_ITER_PER_EPOCH x train.epochs}, under the trial's id and seed.
 *
 * <p>Only {@code model.hidden} and {@code train.epochs} may be searched: MLlib's MLP (sigmoid hidden
 * layers, softmax output, full-batch L-BFGS) has no counterpart for Troupe's other knobs.
 */
public final class MllibGrid {
  /**
   * L-BFGS iterations per Troupe epoch. An iteration is one full-batch gradient (one pass over the
   * training rows, plus line-search passes), an epoch one pass of mini-batch updates, so 10 gives
   * MLlib about 10x Troupe's passes over the data: generous to the peer. Measured on a 10,000-row
   * Fashion-MNIST subset, 300 iterations validated no better than 100 (0.843-0.846 against 0.848).
   */
  public static final int MAX_ITER_PER_EPOCH = 10;
  public static final Set<String> MAPPED_PATHS = Set.of("model.hidden", "train.epochs");

  private MllibGrid() {}

  /**
   * Rejects a config whose search MLlib cannot mirror, naming each offending field.
   *
   * @throws InvalidInputException when the search is not a grid, searches another path, or the task
   *     or model is not a classifier MLP
   */
  public static void check(ExperimentSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.search().strategy() != SearchStrategy.GRID) {
      problems.add("search.strategy: bench-mllib runs one grid on both sides and needs grid, got "
          + spec.search().strategy().configName() + " (e.g. model.hidden: {choice: [[256, 128], [128]]},"
          + " train.epochs: {choice: [5, 10]})");
    }
    for (String path : new TreeSet<>(spec.search().space().keySet())) {
      if (!MAPPED_PATHS.contains(path)) {
        problems.add("search.space." + path + ": bench-mllib can map only model.hidden and train.epochs onto"
            + " MLlib's MultilayerPerceptronClassifier (layers, maxIter); it has no counterpart for " + path);
      }
    }
    if (spec.data().task() != Task.CLASSIFICATION) {
      problems.add("data.task: MLlib's MultilayerPerceptronClassifier is a classifier; got "
          + spec.data().task().name().toLowerCase(Locale.ROOT));
    }
    if (spec.model().type() != ModelType.MLP) {
      problems.add("model.type: MLlib's MultilayerPerceptronClassifier is an MLP; got " + spec.model().type().configName());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(String.join("\n", problems));
    }
  }

  /** The MLlib point of each trial, in the trials' order. */
  public static List<MllibPoint> points(List<TrialSpec> trials, int features, int classes) {
    List<MllibPoint> points = new ArrayList<>();
    for (TrialSpec trial : trials) {
      ExperimentSpec resolved = trial.experiment();
      List<Integer> layers = new ArrayList<>();
      layers.add(features);
      layers.addAll(resolved.model().hidden());
      layers.add(classes);
      points.add(new MllibPoint(trial.trialId(), trial.params(), layers,
          maxIter(resolved.train().epochs()), trial.seed()));
    }
    return points;
  }

  /** MLlib's maxIter for a Troupe epoch budget. */
  public static int maxIter(int epochs) {
    return Math.multiplyExact(epochs, MAX_ITER_PER_EPOCH);
  }
}
