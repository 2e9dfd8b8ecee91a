package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class GradientNoiseTest {
  private static final int N_IN = 400;
  private static final int N_OUT = 250; // 100,250 parameters: relative s.e. of a variance ~0.45%

  @Test
  void varianceFollowsTheAnnealingFormula() {
    assertEquals(0.3, GradientNoise.variance(0.3, 0.55, 0), 1e-15);
    assertEquals(0.3 / Math.pow(11, 0.55), GradientNoise.variance(0.3, 0.55, 10), 1e-15);
    assertEquals(1.0 / 1001, GradientNoise.variance(1.0, 1.0, 1000), 1e-15);
    assertEquals(0.0, GradientNoise.variance(0.0, 0.55, 5));
    assertThrows(IllegalArgumentException.class, () -> GradientNoise.variance(-1, 0.55, 0));
    assertThrows(IllegalArgumentException.class, () -> GradientNoise.variance(1, -0.5, 0));
    assertThrows(IllegalArgumentException.class, () -> GradientNoise.variance(1, 0.55, -1));
    assertThrows(IllegalArgumentException.class, () -> new GradientNoiseListener(-1, 0.5, 1));
  }

  /** One wide linear regression layer trained by SGD with lr = 1, so update = gradient. */
  private static MultiLayerNetwork wideLinear(NeuralNetConfiguration.Builder b) {
    return wideLinear(b, DataType.DOUBLE);
  }

  private static MultiLayerNetwork wideLinear(NeuralNetConfiguration.Builder b, DataType type) {
    MultiLayerConfiguration conf = b.seed(17).dataType(type).weightInit(WeightInit.XAVIER).list()
        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(N_IN).nOut(N_OUT)
            .activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static DataSet wideData() {
    return new DataSet(Nets.gaussian(8, N_IN, 1, 1), Nets.gaussian(8, N_OUT, 1, 2));
  }

  /** The noise that reached the parameters in one SGD step at iteration t (lr = 1). */
  private static double[] appliedNoise(GradientNoiseListener listener, int t) {
    return appliedNoise(listener, t, DataType.DOUBLE);
  }

  private static double[] appliedNoise(GradientNoiseListener listener, int t, DataType type) {
    DataSet data = wideData();
    MultiLayerNetwork plain =
        wideLinear(new NeuralNetConfiguration.Builder().updater(new Sgd(1)), type);
    MultiLayerNetwork noisy =
        wideLinear(new NeuralNetConfiguration.Builder().updater(new Sgd(1)), type);
    plain.setIterationCount(t);
    noisy.setIterationCount(t);
    noisy.setListeners(listener);
    plain.fit(data);
    noisy.fit(data);
    // p' = p - (g + n) with and p - g without: the difference is the noise itself.
    return plain.params().sub(noisy.params()).toDoubleVector();
  }

  @Test
  void appliedNoiseHasTheScheduledVariance() {
    double eta = 0.3;
    double gamma = 0.55;
    for (int t : new int[] {0, 10, 1000}) {
      double[] n = appliedNoise(new GradientNoiseListener(eta, gamma, 42), t);
      assertMomentsMatch(n, GradientNoise.variance(eta, gamma, t), "t=" + t);
    }
  }

  @Test
  void worksInFloatNetworksToo() {
    // DL4J's default data type; the noise array must follow the gradient's type.
    double[] n = appliedNoise(new GradientNoiseListener(0.3, 0.55, 42), 10, DataType.FLOAT);
    assertMomentsMatch(n, GradientNoise.variance(0.3, 0.55, 10), "float");
  }

  private static void assertMomentsMatch(double[] n, double expected, String what) {
    double mean = 0;
    for (double v : n) {
      mean += v / n.length;
    }
    double var = 0;
    for (double v : n) {
      var += (v - mean) * (v - mean) / (n.length - 1);
    }
    // After DL4J's division by the batch size of 8 the variance is still sigma_t^2.
    assertEquals(1.0, var / expected, 0.03, what + " variance " + var + " vs " + expected);
    assertEquals(0.0, mean, 5 * Math.sqrt(expected / n.length), what + " mean");
  }

  @Test
  void etaZeroIsANoOp() {
    double[] n = appliedNoise(new GradientNoiseListener(0, 0.55, 42), 3);
    for (double v : n) {
      assertEquals(0.0, v);
    }
  }

  private static INDArray trainWithNoise(GradientNoiseListener listener, boolean disturbGlobal) {
    DataSet data = Nets.classification(32, 4);
    MultiLayerNetwork net = Nets.classifier(new Sgd(0.1), 5);
    net.setListeners(listener);
    for (int i = 0; i < 20; i++) {
      if (disturbGlobal) {
        Nd4j.getRandom().setSeed(1000 + i); // other code drawing from the global generator
        Nd4j.rand(DataType.DOUBLE, 100);
      }
      net.fit(data);
    }
    return net.params();
  }

  @Test
  void sameSeedSameParamsDifferentSeedDifferent() {
    INDArray a = trainWithNoise(new GradientNoiseListener(0.01, 0.55, 1), false);
    INDArray b = trainWithNoise(new GradientNoiseListener(0.01, 0.55, 1), true);
    INDArray c = trainWithNoise(new GradientNoiseListener(0.01, 0.55, 2), false);
    assertEquals(a, b, "same seed: identical, whatever else uses Nd4j.getRandom()");
    assertNotEquals(a, c, "different seed: different noise");
  }

  @Test
  void survivesJavaSerialization() throws IOException, ClassNotFoundException {
    GradientNoiseListener original = new GradientNoiseListener(0.01, 0.55, 7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    GradientNoiseListener copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (GradientNoiseListener) in.readObject();
    }
    assertEquals(trainWithNoise(original, false), trainWithNoise(copy, false));
  }

  @Test
  void noiseIsAddedBeforeClipping() {
    double lr = 0.5;
    double threshold = 0.01;
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().updater(new Sgd(lr));
    GradientClipping.apply(b, GradientClipping.Mode.VALUE, threshold);
    MultiLayerNetwork clipped = wideLinear(b);
    MultiLayerNetwork unclipped =
        wideLinear(new NeuralNetConfiguration.Builder().updater(new Sgd(lr)));
    // sigma = 1000: if the noise came after clipping, updates would be ~500, not <= 0.005.
    INDArray clippedUpdate = oneNoisyStep(clipped, new GradientNoiseListener(1e6, 0, 3));
    INDArray rawUpdate = oneNoisyStep(unclipped, new GradientNoiseListener(1e6, 0, 3));
    double bound = lr * threshold;
    assertTrue(clippedUpdate.amaxNumber().doubleValue() <= bound + 1e-12,
        "max |update| " + clippedUpdate.amaxNumber());
    assertTrue(rawUpdate.amaxNumber().doubleValue() > 100 * bound, "the noise really is huge");
    // Nearly every element is pinned at the bound: the clipped gradient was noise-dominated.
    long atBound = clippedUpdate.toDoubleVector().length
        - java.util.Arrays.stream(clippedUpdate.toDoubleVector())
            .filter(v -> Math.abs(v) < bound * (1 - 1e-9)).count();
    assertTrue(atBound > 0.99 * clippedUpdate.length(), atBound + " elements at the bound");
  }

  private static INDArray oneNoisyStep(MultiLayerNetwork net, GradientNoiseListener listener) {
    net.setListeners(listener);
    INDArray before = net.params().dup();
    net.fit(wideData());
    return before.sub(net.params());
  }
}
