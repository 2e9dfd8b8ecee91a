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
  /**
   * Further off than this share (beyond twice chance: the true class gets under 1/C^2 on average)
   * the outputs start saturated, and that fails; between the two it warns. Measured on Fashion-MNIST:
   * N(0,1) weights on sigmoid units start 189% off; standardized pixels under He init 61% off, yet
   * train better than unit-scaled ones, 20% off (the MLP example, 5 epochs: test accuracy 0.883 vs 0.875).
   */
  static final double CHANCE_FAIL = 1.0;
  /** "Predictably overfit and get a loss of 0": below this counts as near zero. */
  static final double OVERFIT_LOSS = 0.05;
  static final int SMALL_SAMPLE = 200;
  static final int SMALL_SAMPLE_EPOCHS = 100;
  /** Regularisation used to probe check 3 when the config has none. */
  static final double PROBE_L2 = 1e-2;
  /** Every feature's mean within this of zero passes. */
  static final double MEAN_TOLERANCE = 0.1;
  /** A feature's |mean| above this fails the zero-mean check; between the two it warns. */
  static final double UNIT_SCALE = 1.0;

  private Preflight() {}

  /** @param file where model.file is read, for a dl4j-json or dl4j-zip network ({@link ModelFile#NONE} otherwise) */
  public static List<CheckOutcome> run(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    List<CheckOutcome> outcomes = new ArrayList<>();
    outcomes.add(initialLoss(spec, splits, file));
    SmallSampleTraining.Outcome plain = SmallSampleTraining.train(spec, splits, SMALL_SAMPLE, SMALL_SAMPLE_EPOCHS,
        RegularisationSettings.off(spec), file);
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
      return CheckOutcome.passOrFail("initial loss is sane", ok, String.format(
          "MSE %.4g vs mean squared target %.4g (limit 3x)", loss, meanSquare));
    }
    int classes = splits.train().numClasses();
    double chance = Math.log(classes);
    double off = Math.abs(loss - chance) / chance;
    CheckOutcome.Verdict verdict = CheckOutcome.Verdict.of(off, CHANCE_TOLERANCE, CHANCE_FAIL);
    String advice = switch (verdict) {
      case PASS -> "";
      case WARN -> "; the first outputs are further from uniform than small initial weights give, which training"
          + " soon corrects: advice only (seed 003: expect ln C)";
      case FAIL -> "; the outputs start saturated: check model.init and data.scaling";
    };
    return new CheckOutcome("initial loss matches chance", verdict, String.format(
        "%.4f vs ln %d = %.4f (%.1f%% off; passes up to %.0f%%, fails above %.0f%%)%s", loss, classes, chance,
        100 * off, 100 * CHANCE_TOLERANCE, 100 * CHANCE_FAIL, advice));
  }

  static CheckOutcome overfits(SmallSampleTraining.Outcome plain, DataSplits splits) {
    double limit = splits.train().task() == Task.REGRESSION ? OVERFIT_LOSS * plain.initialLoss() : OVERFIT_LOSS;
    boolean ok = plain.status() == TrialStatus.COMPLETED && plain.finalLoss() < limit;
    return CheckOutcome.passOrFail("overfits " + SMALL_SAMPLE + " examples without regularisation", ok, String.format(
        "training loss %.4g -> %.4g after %d epochs (%s; limit %.3g)", plain.initialLoss(), plain.finalLoss(),
        plain.epochs(), plain.status().name().toLowerCase(), limit));
  }

  static CheckOutcome regularisationRaisesLoss(ExperimentSpec spec, DataSplits splits, SmallSampleTraining.Outcome plain,
      ModelFile file) {
    String configured = RegularisationSettings.configured(spec, splits, file);
    Map<String, Object> reg = configured.isEmpty() ? RegularisationSettings.probe(spec, PROBE_L2) : Map.of();
    String which = configured.isEmpty() ? "l2 " + PROBE_L2 + " (a probe: the config has none)"
        : configured + " (the config's)";
    SmallSampleTraining.Outcome regularised = SmallSampleTraining.train(spec, splits, SMALL_SAMPLE, SMALL_SAMPLE_EPOCHS,
        reg, file);
    boolean ok = regularised.finalObjective() > plain.finalObjective();
    return CheckOutcome.passOrFail("regularisation raises the loss", ok, String.format(
        "training objective %.4g without -> %.4g with %s", plain.finalObjective(), regularised.finalObjective(), which));
  }

  /**
   * Backprop against numerical gradients. A numerical gradient whose step crosses a kink (ReLU at
   * 0) is wrong, and DL4J's check takes no care of that: when a network with kinks disagrees but
   * its smooth twin (tanh in their place, same weights) agrees, the kinks explain it, and that is a
   * warning, not a failure.
   */
  static CheckOutcome gradients(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    String name = "gradients match numerical gradients";
    GradientAgreement.Outcome g = GradientAgreement.check(spec, splits, spec.seed(), file);
    if (!Double.isFinite(g.loss())) {
      return new CheckOutcome(name, CheckOutcome.Verdict.FAIL, String.format(
          "the loss at the initial weights is %s on %d examples (unclipped, as a gradient check needs), so there is"
              + " no gradient to check: inputs or initial weights are far out of scale (see the initial loss)",
          g.loss(), GradientAgreement.EXAMPLES));
    }
    GradientAgreement.Agreement twin = g.smoothTwin();
    CheckOutcome.Verdict verdict = g.network().agrees() ? CheckOutcome.Verdict.PASS
        : twin != null && twin.agrees() ? CheckOutcome.Verdict.WARN : CheckOutcome.Verdict.FAIL;
    String kinks = String.join(", ", g.kinks());
    String smooth = twin == null ? "" : String.format(
        ". With tanh in place of %s (same weights): %s%s", kinks, agreement(twin), twin.agrees()
            ? "; so the kinks of " + kinks + " explain the disagreement (a numerical gradient across one is wrong)"
            : "; a disagreement the kinks do not explain");
    return new CheckOutcome(name, verdict, String.format(
        "double precision; %s (limit %.0e relative; differences under %.0e ignored)%s."
            + " Heavy-ball momentum, scheduled AdaGrad, gradient noise and schedules act after the gradient"
            + " and are checked against their formulas in unit tests",
        agreement(g.network()), GradientAgreement.MAX_RELATIVE_ERROR, GradientAgreement.MIN_ABSOLUTE_ERROR, smooth));
  }

  private static String agreement(GradientAgreement.Agreement a) {
    return String.format("DL4J GradientCheckUtil %s; max relative error %.2g, max absolute difference %.2g,"
        + " over %d sampled parameters", a.dl4jPassed() ? "passed" : "FAILED", a.maxRelativeError(),
        a.maxAbsoluteDifference(), a.checked());
  }

  /**
   * Seed 003 centres each feature. Off-centre inputs within unit scale (as {@code scaling: unit}
   * gives pixels: every mean in [0, 1]) train fine, a little slower to start: advice, not a
   * failure. An offset beyond unit scale swamps the first layer's pre-activations, which He and
   * Xavier init size for inputs of order 1: the inputs were left unscaled, and that fails.
   */
  static CheckOutcome zeroMeanInputs(ExperimentSpec spec, DataSplits splits) {
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    int n = Math.min(5000, source.size());
    INDArray x = source.features(0, n);
    double mean = x.meanNumber().doubleValue();
    double worst = x.mean(0).amaxNumber().doubleValue();
    CheckOutcome.Verdict verdict = CheckOutcome.Verdict.of(worst, MEAN_TOLERANCE, UNIT_SCALE);
    String advice = switch (verdict) {
      case PASS -> "";
      case WARN -> "; off-centre but within unit scale, which trains; centring may still speed it up:"
          + " try data.scaling: standardize (seed 003: preprocess to at least 0 mean)";
      case FAIL -> "; beyond unit scale, the inputs look unscaled and swamp the first layer:"
          + " set data.scaling: standardize (seed 003: preprocess to at least 0 mean)";
    };
    return new CheckOutcome("inputs are roughly zero-mean", verdict, String.format(
        "mean %.3f after %s scaling, largest per-feature |mean| %.3f (passes up to %.1f, fails above %.0f)%s", mean,
        io.troupe.config.binding.ConfigEnum.nameOf(spec.data().scaling()), worst, MEAN_TOLERANCE, UNIT_SCALE, advice));
  }
}
