package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The SIMD ReLU layer computes DL4J's numbers to the bit, and only where it is swapped in. */
class ReluActivationLayerTest {
  private static final ExperimentSpec CNN = ConfigLoader.parse("""
      model: {type: cnn, conv: {channels: [4, 8], kernel: 3, pool: 2}, hidden: [16], batchNorm: true, activation: relu}
      """, "relu.yaml", "relu", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);

  @Test
  void kernelIsLibnd4jsReluToTheBitIncludingSignedZerosAndNaN() {
    float[] special = {0f, -0f, Float.NaN, 1e-38f, -1e-38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    INDArray x = Nd4j.randn(DataType.FLOAT, 1, 1003);
    for (int i = 0; i < special.length; i++) {
      x.putScalar(i * 97L, special[i]);
    }
    INDArray g = Nd4j.randn(DataType.FLOAT, 1, 1003);
    float[] forward = new ActivationReLU().getActivation(x.dup(), true).data().asFloat();
    float[] backward = new ActivationReLU().backprop(x.dup(), g.dup()).getFirst().data().asFloat();

    int n = (int) x.length();
    ByteBuffer out = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
    ReluKernel.forward(Simd.bytes(x), out, n);
    assertBits(forward, out);
    ReluKernel.backward(Simd.bytes(x), Simd.bytes(g), out, n);
    assertBits(backward, out);
  }

  @Test
  void trainsToTheSameBitsAsDl4jsLayerAndKeepsItsConfiguration() {
    MultiLayerNetwork dl4j = cnn();
    MultiLayerNetwork ours = cnn();
    assertEquals(3, ReluActivationLayer.install(ours), "after both conv blocks' and the dense layer's batch norm");
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 144).muli(5).subi(2);
    INDArray labels = OneHotLabels.cycling(32, 3);
    for (int step = 0; step < 4; step++) {
      dl4j.fit(features, labels);
      ours.fit(features, labels);
    }
    assertArrayEquals(dl4j.params().data().asFloat(), ours.params().data().asFloat(), "weights after 4 steps");
    assertArrayEquals(dl4j.output(features, false).data().asFloat(), ours.output(features, false).data().asFloat());
    for (Layer layer : ours.getLayers()) {
      if (layer instanceof ReluActivationLayer relu) {
        assertEquals(8, relu.simdPasses, "4 forward and 4 backward passes ran on the kernel");
        assertSame(relu, ours.getLayer(relu.getIndex()));
      }
    }
    assertEquals(dl4j.getLayerWiseConfigurations().toJson(), ours.getLayerWiseConfigurations().toJson(),
        "the configuration, and so the saved model, stays DL4J's ActivationLayer");
  }

  @Test
  void leavesOtherActivationsAndTrainedNetworksAlone() {
    ExperimentSpec tanh = ConfigLoader.parse("""
        model: {type: cnn, conv: {channels: [4], kernel: 3, pool: 2}, hidden: [8], batchNorm: true, activation: tanh}
        """, "tanh.yaml", "tanh", List.of());
    MultiLayerNetwork net = (MultiLayerNetwork) Networks.build(tanh, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
    assertEquals(0, ReluActivationLayer.install(net));
    MultiLayerNetwork trained = cnn();
    trained.fit(Nd4j.rand(DataType.FLOAT, 8, 144), OneHotLabels.cycling(8, 3));
    assertEquals(0, ReluActivationLayer.install(trained), "its updater holds the layer objects it was made with");
    assertEquals(ActivationLayer.class, trained.getLayer(2).getClass());
  }

  private static MultiLayerNetwork cnn() {
    return (MultiLayerNetwork) Networks.build(CNN, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
  }

  private static void assertBits(float[] expected, ByteBuffer actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual.getFloat(i * Float.BYTES)),
          "element " + i + ": " + expected[i] + " vs " + actual.getFloat(i * Float.BYTES));
    }
  }
}
