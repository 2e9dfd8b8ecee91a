package io.troupe.model;

import io.troupe.InvalidInputException;
import io.troupe.api.InputLayout;
import io.troupe.config.ExperimentSpec;
import io.troupe.config.ModelSpec;
import io.troupe.data.DataSplits;
import io.troupe.data.Task;
import io.troupe.train.BatchSource;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Builds one network of a user's kind (factory or DL4J file) on the driver and runs two training
 * examples through it, so a missing class, a factory that throws, a file that does not parse or a
 * network that does not fit the data stops the command with exit 2 before any trial is dispatched,
 * naming the class or file and what was expected.
 */
public final class NetworkCheck {
  private static final int ROWS = 2;

  private NetworkCheck() {}

  /** @return the input layout of the run's networks (what a saved member is fed with) */
  public static InputLayout check(ExperimentSpec spec, DataSplits splits, ModelFile file) {
    NetworkShape shape = NetworkShape.of(splits.train());
    if (spec.model().type().isBuiltIn()) {
      return InputLayout.feedForward().fitTo(shape);
    }
    Network net = Networks.build(spec, shape, new NoOp(), spec.seed(), file);
    String source = source(spec.model(), file);
    BatchSource train = new BatchSource(splits.train(), splits.transform(), null);
    int n = Math.min(ROWS, train.size());
    if (n == 0) {
      return net.layout();
    }
    INDArray rows = train.features(0, n);
    INDArray out;
    try {
      out = net.output(rows);
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": the " + net.kind() + " does not take the data's input: each example"
          + " is " + describe(shape) + ", given to the network " + net.layout() + "; DL4J says: " + rootMessage(e), e);
    }
    long[] got = out.shape();
    if (got.length != 2 || got[0] != n || got[1] != shape.outputs()) {
      throw new InvalidInputException(source + ": the " + net.kind() + "'s output is " + Arrays.toString(got)
          + " for " + n + " examples, but the data needs [" + n + ", " + shape.outputs() + "] ("
          + (shape.task() == Task.CLASSIFICATION ? shape.outputs() + " classes" : "one regression target")
          + "); NetworkContext.outputLayer() builds a matching output layer");
    }
    try {
      double loss = net.score(new DataSet(rows, train.targets(0, n)));
      if (Double.isNaN(loss)) {
        throw new InvalidInputException(source + ": the network's loss on two training examples is NaN");
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidInputException(source + ": the network's loss does not take the data's labels ("
          + (shape.task() == Task.CLASSIFICATION ? "one-hot over " + shape.outputs() + " classes" : "one target")
          + "); DL4J says: " + rootMessage(e), e);
    }
    return net.layout();
  }

  private static String source(ModelSpec model, ModelFile file) {
    return switch (model.type()) {
      case FACTORY -> "model.factory " + model.factory();
      case DL4J_JSON, DL4J_ZIP -> "model.file " + model.file();
      default -> "model.type " + model.type().configName();
    };
  }

  private static String describe(NetworkShape shape) {
    int[] s = shape.inputShape();
    return s.length == 3 ? "an image of " + s[0] + " channel(s), " + s[1] + "x" + s[2]
        : shape.inputSize() + " features";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = RootCause.of(e);
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
