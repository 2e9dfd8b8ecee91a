package io.troupe.preflight;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.model.ModelFile;
import io.troupe.model.Network;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.train.BatchSource;
import io.troupe.train.dl4j.TrainableGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Backprop against numerical gradients for the config's own architecture, in double precision
 * (seed 003: "always check your gradients"). DL4J's GradientCheckUtil gives the verdict on a
 * subset of every parameter array; a central-difference estimate on a seeded sample of parameters
 * gives the reported error. Dropout is off (it would make the loss random), and so is L1/L2: DL4J
 * adds their gradient in the updater, not in backprop, while its score includes their penalty.
 *
 * <p>A step across a kink (ReLU at 0) makes a numerical gradient wrong, so a network with kinks
 * that disagrees is checked again as its smooth twin: the same layers and weights with tanh in
 * place of each kinked activation. If the twin agrees, the kinks explain the disagreement.
 */
final class GradientAgreement {
  static final double EPSILON = 1e-6;
  static final double MAX_RELATIVE_ERROR = 1e-3;
  static final double MIN_ABSOLUTE_ERROR = 1e-8;
  static final int EXAMPLES = 8;
  static final int SAMPLED = 60;

  private GradientAgreement() {}

  /** One network's agreement: DL4J's verdict, and the sampled errors. */
  record Agreement(boolean dl4jPassed, double maxRelativeError, double maxAbsoluteDifference, int checked) {
    boolean agrees() {
      return dl4jPassed && maxRelativeError <= MAX_RELATIVE_ERROR;
    }
  }

  /**
   * @param loss the loss at the initial weights; when it is not finite, nothing was compared
   * @param kinks the network's kinked activations (e.g. "relu"), empty for a smooth network
   * @param smoothTwin when the network has kinks and disagrees: its smooth twin's agreement; else null
   */
  record Outcome(double loss, Agreement network, SortedSet<String> kinks, Agreement smoothTwin) {}

  static Outcome check(ExperimentSpec spec, DataSplits splits, long seed, ModelFile file) {
    // GradientCheckUtil refuses to run unless ND4J's global default type is double; this is
    // process-wide state, so restore it afterwards (preflight runs alone, not inside a sweep).
    DataType previous = Nd4j.dataType();
    DataType previousFloat = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      return checkInDouble(spec, splits, seed, file);
    } finally {
      Nd4j.setDefaultDataTypes(previous, previousFloat);
    }
  }

  private static Outcome checkInDouble(ExperimentSpec spec, DataSplits splits, long seed, ModelFile file) {
    Network net = doubleNetwork(spec, splits, seed, file, false);
    BatchSource source = new BatchSource(splits.train(), splits.transform(), null);
    int n = Math.min(EXAMPLES, source.size());
    INDArray x = source.features(0, n).castTo(DataType.DOUBLE);
    INDArray y = source.targets(0, n).castTo(DataType.DOUBLE);
    boolean passed = dl4jCheck(net, x, y);
    SortedSet<String> kinks = KinkedActivations.in(net);
    // After DL4J's check, which turns the softmax's probability clipping off (a clipped loss is flat
    // where it clips): unclipped, outputs far out of scale give an infinite loss.
    double loss = net.trainingScore(new DataSet(x, y));
    if (!Double.isFinite(loss)) {
      return new Outcome(loss, new Agreement(passed, Double.NaN, Double.NaN, 0), kinks, null);
    }
    Agreement own = sampledAgreement(net, x, y, passed, seed);
    Agreement twin = null;
    if (!own.agrees() && !kinks.isEmpty()) {
      Network smooth = doubleNetwork(spec, splits, seed, file, true);
      twin = sampledAgreement(smooth, x, y, dl4jCheck(smooth, x, y), seed);
    }
    return new Outcome(loss, own, kinks, twin);
  }

  private static Agreement sampledAgreement(Network net, INDArray x, INDArray y, boolean dl4jPassed, long seed) {
    double[][] sampled = sampledErrors(net, x, y, runningStatistics(net), seed);
    double maxRelative = 0;
    double maxAbsolute = 0;
    for (double[] e : sampled) {
      maxRelative = Math.max(maxRelative, e[0]);
      maxAbsolute = Math.max(maxAbsolute, e[1]);
    }
    return new Agreement(dl4jPassed, maxRelative, maxAbsolute, sampled.length);
  }

  private static Set<String> runningStatistics(Network net) {
    return net.paramTable().keySet().stream().filter(TrainableGradients::isRunningStatistic).collect(Collectors.toSet());
  }

  /** DL4J's own verdict, through its check for the network's kind; the arrays are already arranged. */
  private static boolean dl4jCheck(Network net, INDArray rows, INDArray y) {
    try {
      return dl4jVerdict(net, net.layout().arrange(rows), y, runningStatistics(net));
    } catch (IllegalStateException e) {
      // A step that overflows the loss: DL4J throws "Numerical gradient was NaN" rather than failing.
      if (String.valueOf(e.getMessage()).contains("NaN")) {
        return false;
      }
      throw e;
    }
  }

  private static boolean dl4jVerdict(Network net, INDArray x, INDArray y, Set<String> statistics) {
    if (net.model() instanceof ComputationGraph graph) {
      return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
          .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
          .epsilon(EPSILON).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR)
          .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).subset(true).maxPerParam(20).excludeParams(statistics));
    }
    return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net((MultiLayerNetwork) net.model())
        .input(x).labels(y)
        .epsilon(EPSILON).maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).subset(true).maxPerParam(20).excludeParams(statistics));
  }

  /**
   * The config's network in double precision, without dropout or L1/L2: the built-in ones through
   * the config, any other by clearing them from its layers (a factory or a DL4J file sets its own,
   * and its own updater, which GradientCheckUtil refuses unless it is NoOp). {@code smooth} puts
   * tanh in place of kinked activations; the weights are the same (same seed).
   */
  private static Network doubleNetwork(ExperimentSpec spec, DataSplits splits, long seed, ModelFile file,
      boolean smooth) {
    ExperimentSpec plain = io.troupe.config.ConfigLoader.withValues(spec,
        Map.of("model.dropout", 0.0, "train.l1", 0.0, "train.l2", 0.0));
    Network net = Networks.build(plain, NetworkShape.of(splits.train()), new NoOp(), seed, file);
    for (int i = 0; i < net.units().size(); i++) {
      org.deeplearning4j.nn.conf.layers.Layer conf = net.layer(i).conf().getLayer();
      conf.setIDropout(null);
      if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
        base.setRegularization(List.of());
        base.setRegularizationBias(List.of());
        base.setIUpdater(new NoOp());
        base.setBiasUpdater(null);
      }
      if (smooth) {
        KinkedActivations.smoothOut(conf);
      }
    }
    return net.converted(DataType.DOUBLE);
  }

  /** {relative, absolute} error per sampled parameter; relative is |a - n| / (|a| + |n|). */
  private static double[][] sampledErrors(Network net, INDArray x, INDArray y, Set<String> skip, long seed) {
    Map<String, INDArray> gradients = net.gradient(new DataSet(x, y)).gradientForVariable();
    List<String> keys = new ArrayList<>(gradients.keySet());
    keys.removeAll(skip);
    Random rng = new Random(seed);
    List<double[]> errors = new ArrayList<>();
    for (int i = 0; i < SAMPLED; i++) {
      String key = keys.get(rng.nextInt(keys.size()));
      INDArray param = net.paramTable().get(key);
      // An n-d index on the arrays themselves: DL4J's weights are 'f'-ordered views, and a
      // reshape may copy, so a perturbation might never reach the network.
      long[] index = Shape.ind2subC(param.shape(), rng.nextInt((int) param.length()));
      // The score is a mean over the batch; DL4J's raw gradient is the sum (it divides later).
      double analytic = gradients.get(key).getDouble(index) / x.size(0);
      double numeric = numericGradient(net, x, y, param, index);
      double diff = Math.abs(analytic - numeric);
      double scale = Math.abs(analytic) + Math.abs(numeric);
      errors.add(new double[] {diff < MIN_ABSOLUTE_ERROR ? 0.0 : diff / scale, diff});
    }
    return errors.toArray(new double[0][]);
  }

  private static double numericGradient(Network net, INDArray x, INDArray y, INDArray param, long[] index) {
    double original = param.getDouble(index);
    param.putScalar(index, original + EPSILON);
    // In training mode, as the analytic gradient was taken: batch norm normalises by the batch's
    // own statistics there, by its running statistics in inference.
    double plus = net.trainingScore(new DataSet(x, y));
    param.putScalar(index, original - EPSILON);
    double minus = net.trainingScore(new DataSet(x, y));
    param.putScalar(index, original);
    return (plus - minus) / (2 * EPSILON);
  }
}
