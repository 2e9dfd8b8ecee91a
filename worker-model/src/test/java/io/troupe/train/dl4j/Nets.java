package io.troupe.train.dl4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small seeded networks and data shared by the dl4j tests (double precision throughout). */
final class Nets {
  private Nets() {}

  /** A [rows, cols] double matrix of N(0, scale^2) values from java.util.Random(seed). */
  static INDArray gaussian(int rows, int cols, double scale, long seed) {
    Random r = new Random(seed);
    double[][] v = new double[rows][cols];
    for (double[] row : v) {
      for (int j = 0; j < cols; j++) {
        row[j] = scale * r.nextGaussian();
      }
    }
    return Nd4j.create(v);
  }

  /** n examples with 4 features and a one-hot label among 3 that depends on the features. */
  static DataSet classification(int n, long seed) {
    INDArray x = gaussian(n, 4, 1.0, seed);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 3);
    for (int i = 0; i < n; i++) {
      double s = x.getDouble(i, 0) + 0.5 * x.getDouble(i, 1) - x.getDouble(i, 3);
      y.putScalar(i, s < -0.5 ? 0 : s < 0.5 ? 1 : 2, 1.0);
    }
    return new DataSet(x, y);
  }

  /** The 4-8-3 tanh/softmax classifier's builder with the given updater and seed. */
  static NeuralNetConfiguration.Builder builder(IUpdater updater, long seed) {
    return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
        .updater(updater).weightInit(WeightInit.XAVIER);
  }

  /** The 4-8-3 classifier configuration on top of {@code b}. */
  static MultiLayerConfiguration classifier(NeuralNetConfiguration.Builder b) {
    return b.list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
            .activation(Activation.SOFTMAX).build())
        .build();
  }

  /** An initialised 4-8-3 classifier. */
  static MultiLayerNetwork classifier(IUpdater updater, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(classifier(builder(updater, seed)));
    net.init();
    return net;
  }

  /** Fits {@code data} as one minibatch {@code steps} times. */
  static void fit(MultiLayerNetwork net, DataSet data, int steps) {
    for (int i = 0; i < steps; i++) {
      net.fit(data);
    }
  }

  /** A deep copy of every parameter array, keyed like paramTable ("0_W", "0_b", ...). */
  static Map<String, INDArray> snapshot(MultiLayerNetwork net) {
    Map<String, INDArray> copy = new HashMap<>();
    net.paramTable().forEach((k, v) -> copy.put(k, v.dup()));
    return copy;
  }

  /** ModelSerializer round trip through memory, with the updater state. */
  static MultiLayerNetwork roundTrip(MultiLayerNetwork net, boolean saveUpdater)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, out, saveUpdater);
    return ModelSerializer.restoreMultiLayerNetwork(
        new ByteArrayInputStream(out.toByteArray()), saveUpdater);
  }

  /** {@link #classification} in float, as trials train. */
  static DataSet floatClassification(int n, long seed) {
    DataSet d = classification(n, seed);
    return new DataSet(d.getFeatures().castTo(DataType.FLOAT), d.getLabels().castTo(DataType.FLOAT));
  }

  /** A 4-16-3 ReLU classifier on top of {@code b}, its hidden layer keeping 90% of its inputs. */
  static MultiLayerConfiguration droppingClassifier(NeuralNetConfiguration.Builder b) {
    return b.list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).dropOut(0.9).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
  }

  /** A network of (a copy of) {@code conf}, initialised. */
  static MultiLayerNetwork initialised(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
    net.init();
    return net;
  }

  /** {@link #fit} from a reset random stream: dropout draws from ND4J's global generator. */
  static void fitSeeded(MultiLayerNetwork net, DataSet data, int steps, long seed) {
    Nd4j.getRandom().setSeed(seed);
    fit(net, data, steps);
  }
}
