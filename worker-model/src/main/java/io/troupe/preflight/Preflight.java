package io.troupe.preflight;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.Network;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.train.BatchSource;
import io.troupe.trial.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Seed 003's "babysitting" checks, run before anyone spends a sweep on a config. Each reports a
 * verdict and the numbers behind it; the limits are stated in the details.
 */
public final class Preflight {
  /** Initial loss within this share of chance level (ln C) passes. */
  static final double CHANCE_TOLERANCE = 0.25;
  /** "Predictably overfit and get a loss of 0": below this counts as near zero. */
  static final double OVERFIT_LOSS = 0.05;
  static final int SMALL_SAMPLE = 200;
  static final int SMALL_SAMPLE_EPOCHS = 100;
  /** Regularisation used to probe check 3 when the config has none. */
  static final double PROBE_L2 = 1e-2;
  /** Mean of scaled inputs within this of zero passes. */
  static final double MEAN_TOLERANCE = 0.1;

  private Preflight() {}

  /** @param file where model.file is read, for a dl4j-json or dl4j-zip network ({@link ModelFile#NONE} otherwise) */
  public static List<CheckOutcome> run(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    List<CheckOutcome> outcomes = new ArrayList<>();
    outcomes.add(initialLoss(spec, splits, file));
    SmallSampleTraining.Outcome plain = SmallSampleTraining.train(spec, splits, SMALL_SAMPLE, SMALL_SAMPLE_EPOCHS,
        Map.of(), file);
    outcomes.add(overfits(plain, splits));
    outcomes.add(regularisationRaisesLoss(spec, splits, plain, file));
    outcomes.add(gradients(spec, splits, file));
    outcomes.add(zeroMeanInputs(spec, splits));
    return outcomes;
  }

  static CheckOutcome initialLoss(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    Network net = Networks.build(spec, NetworkShape.of(splits.train()), new NoOp(), spec.seed(), file);
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    int n = Math.min(1024, source.size());
    double loss = net.score(new DataSet(source.features(0, n), source.targets(0, n)));
    if (splits.train().task() == Task.REGRESSION) {
      double meanSquare = source.targets(0, n).mul(source.targets(0, n)).meanNumber().doubleValue();
      boolean ok = loss <= 3 * meanSquare + 1e-9;
      return new CheckOutcome("initial loss is sane", ok, String.format(
          "MSE %.4g vs mean squared target %.4g (limit 3x)", loss, meanSquare));
    }
    int classes = splits.train().numClasses();
    double chance = Math.log(classes);
    double off = Math.abs(loss - chance) / chance;
    return new CheckOutcome("initial loss matches chance", off <= CHANCE_TOLERANCE, String.format(
        "%.4f vs ln %d = %.4f (%.1f%% off, limit %.0f%%)", loss, classes, chance, 100 * off, 100 * CHANCE_TOLERANCE));
  }

  static CheckOutcome overfits(SmallSampleTraining.Outcome plain, DataSplits splits) {
    double limit = splits.train().task() == Task.REGRESSION ? OVERFIT_LOSS * plain.initialLoss() : OVERFIT_LOSS;
    boolean ok = plain.status() == TrialStatus.COMPLETED && plain.finalLoss() < limit;
    return new CheckOutcome("overfits " + SMALL_SAMPLE + " examples without regularisation", ok, String.format(
        "training loss %.4g -> %.4g after %d epochs (%s; limit %.3g)", plain.initialLoss(), plain.finalLoss(),
        plain.epochs(), plain.status().name().toLowerCase(), limit));
  }

  static CheckOutcome regularisationRaisesLoss(ExperimentSpec spec, DataSplits splits, SmallSampleTraining.Outcome plain,
      ModelFile file) {
    boolean configured = spec.train().l1() > 0 || spec.train().l2() > 0 || spec.model().dropout() > 0;
    Map<String, Object> reg = configured
        ? Map.of("train.l1", spec.train().l1(), "train.l2", spec.train().l2(), "model.dropout", spec.model().dropout())
        : Map.of("train.l2", PROBE_L2);
    String which = configured
        ? String.format("l1 %s, l2 %s, dropout %s (the config's)", spec.train().l1(), spec.train().l2(), spec.model().dropout())
        : "l2 " + PROBE_L2 + " (a probe: the config has none)";
    SmallSampleTraining.Outcome regularised = SmallSampleTraining.train(spec, splits, SMALL_SAMPLE, SMALL_SAMPLE_EPOCHS,
        reg, file);
    boolean ok = regularised.finalObjective() > plain.finalObjective();
    return new CheckOutcome("regularisation raises the loss", ok, String.format(
        "training objective %.4g without -> %.4g with %s", plain.finalObjective(), regularised.finalObjective(), which));
  }

  static CheckOutcome gradients(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    GradientAgreement.Outcome g = GradientAgreement.check(spec, splits, spec.seed(), file);
    boolean ok = g.dl4jPassed() && g.maxRelativeError() <= GradientAgreement.MAX_RELATIVE_ERROR;
    return new CheckOutcome("gradients match numerical gradients", ok, String.format(
        "double precision; DL4J GradientCheckUtil %s; max relative error %.2g, max absolute difference %.2g,"
            + " over %d sampled parameters (limit %.0e relative; differences under %.0e ignored)."
            + " Heavy-ball momentum, scheduled AdaGrad, gradient noise and schedules act after the gradient"
            + " and are checked against their formulas in unit tests",
        g.dl4jPassed() ? "passed" : "FAILED", g.maxRelativeError(), g.maxAbsoluteDifference(), g.checked(),
        GradientAgreement.MAX_RELATIVE_ERROR, GradientAgreement.MIN_ABSOLUTE_ERROR));
  }

  static CheckOutcome zeroMeanInputs(ExperimentSpec spec, DataSplits splits) {
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    int n = Math.min(5000, source.size());
    INDArray x = source.features(0, n);
    double mean = x.meanNumber().doubleValue();
    double worst = x.mean(0).amaxNumber().doubleValue();
    boolean ok = Math.abs(mean) <= MEAN_TOLERANCE;
    String hint = ok ? "" : "; try data.scaling: standardize (seed 003: preprocess to at least 0 mean)";
    return new CheckOutcome("inputs are roughly zero-mean", ok, String.format(
        "mean %.3f after %s scaling, largest per-feature |mean| %.3f (limit |mean| <= %.1f)%s", mean,
        io.troupe.config.binding.ConfigEnum.nameOf(spec.data().scaling()), worst, MEAN_TOLERANCE, hint));
  }
}
