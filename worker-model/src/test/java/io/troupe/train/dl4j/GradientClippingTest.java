package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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

class GradientClippingTest {
  private static final double THRESHOLD = 0.5;

  /** 5-6-2 linear regression net, SGD lr = 1 (update = processed gradient), clipped by mode. */
  private static MultiLayerNetwork net(GradientClipping.Mode mode) {
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(8)
        .dataType(DataType.DOUBLE).updater(new Sgd(1.0)).weightInit(WeightInit.XAVIER)
        .activation(Activation.IDENTITY);
    GradientClipping.apply(b, mode, THRESHOLD);
    MultiLayerConfiguration conf = b.list()
        .layer(new DenseLayer.Builder().nIn(5).nOut(6).build())
        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(2)
            .activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** The update applied to each layer ("0", "1") in one step on data with a huge gradient. */
  private static INDArray[] layerUpdates(GradientClipping.Mode mode) {
    MultiLayerNetwork net = net(mode);
    // Inputs ~1e3 and targets ~1e4: raw gradients are ~1e7 per element.
    DataSet data = new DataSet(Nets.gaussian(4, 5, 1e3, 30), Nets.gaussian(4, 2, 1e4, 31));
    Map<String, INDArray> before = Nets.snapshot(net);
    net.fit(data);
    INDArray[] updates = new INDArray[2];
    for (int layer = 0; layer < 2; layer++) {
      INDArray w = before.get(layer + "_W").sub(net.getParam(layer + "_W"));
      INDArray b = before.get(layer + "_b").sub(net.getParam(layer + "_b"));
      updates[layer] = Nd4j.concat(0, Nd4j.toFlattened(w), Nd4j.toFlattened(b));
    }
    return updates;
  }

  @Test
  void valueModeBoundsEveryElement() {
    for (INDArray u : layerUpdates(GradientClipping.Mode.VALUE)) {
      double max = u.amaxNumber().doubleValue();
      assertTrue(max <= THRESHOLD + 1e-6, "max |update| " + max);
    }
  }

  @Test
  void normModeBoundsEachLayersNorm() {
    for (INDArray u : layerUpdates(GradientClipping.Mode.NORM)) {
      double norm = u.norm2Number().doubleValue();
      assertTrue(norm <= THRESHOLD + 1e-5, "layer update norm " + norm);
      // With a huge raw gradient the clipped norm sits exactly at the threshold.
      assertEquals(THRESHOLD, norm, 1e-6);
    }
  }

  @Test
  void noneLeavesTheHugeGradientAlone() {
    // Without clipping the same step exceeds both bounds (so the two tests above can fail).
    for (INDArray u : layerUpdates(GradientClipping.Mode.NONE)) {
      assertTrue(u.amaxNumber().doubleValue() > 100 * THRESHOLD, "max " + u.amaxNumber());
      assertTrue(u.norm2Number().doubleValue() > 100 * THRESHOLD, "norm " + u.norm2Number());
    }
  }

  @Test
  void mapsModesOntoDl4jGradientNormalization() {
    assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue,
        normalizationOf(GradientClipping.Mode.VALUE));
    assertEquals(GradientNormalization.ClipL2PerLayer, normalizationOf(GradientClipping.Mode.NORM));
    assertEquals(GradientNormalization.None, normalizationOf(GradientClipping.Mode.NONE));
    BaseLayer layer = (BaseLayer) net(GradientClipping.Mode.NORM)
        .getLayerWiseConfigurations().getConf(0).getLayer();
    assertEquals(THRESHOLD, layer.getGradientNormalizationThreshold());
  }

  private static GradientNormalization normalizationOf(GradientClipping.Mode mode) {
    return ((BaseLayer) net(mode).getLayerWiseConfigurations().getConf(1).getLayer())
        .getGradientNormalization();
  }

  @Test
  void rejectsNonPositiveThresholdUnlessOff() {
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder();
    assertThrows(IllegalArgumentException.class,
        () -> GradientClipping.apply(b, GradientClipping.Mode.VALUE, 0));
    assertThrows(IllegalArgumentException.class,
        () -> GradientClipping.apply(b, GradientClipping.Mode.NORM, Double.NaN));
    GradientClipping.apply(b, GradientClipping.Mode.NONE, 0); // threshold unused: accepted
  }
}
