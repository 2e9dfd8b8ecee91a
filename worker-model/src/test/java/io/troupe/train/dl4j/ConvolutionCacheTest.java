package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.lang.reflect.Field;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** DL4J's convolution pre-activation cache changes how a CNN trains, not what it computes. */
class ConvolutionCacheTest {
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);

  @Test
  void aCnnTrainsToTheSameBitsWithTheCache() throws ReflectiveOperationException {
    // tanh on the conv layers themselves (no batch norm): backprop needs their pre-activation.
    ExperimentSpec spec = spec("{type: cnn, conv: {channels: [4, 8], kernel: 3, pool: 2}, hidden: [16], activation: tanh}");
    MultiLayerNetwork plain = build(spec);
    MultiLayerNetwork cached = build(spec);
    assertTrue(ConvolutionCache.enable(cached));
    assertEquals(CacheMode.DEVICE, cached.getLayerWiseConfigurations().getCacheMode());
    INDArray features = Nd4j.rand(DataType.FLOAT, 16, 144);
    INDArray labels = OneHotLabels.cycling(16, 3);
    for (int step = 0; step < 4; step++) {
      plain.fit(features, labels);
      cached.fit(features, labels);
    }
    assertArrayEquals(plain.params().data().asFloat(), cached.params().data().asFloat(), "weights after 4 steps");
    assertNotNull(keptPreActivation(cached, 0), "the training forward pass kept the conv layer's pre-activation");
    assertNull(keptPreActivation(plain, 0), "without the cache mode DL4J keeps none and convolves again");
    assertFalse(ConvolutionCache.enable(cached), "already set");
  }

  @Test
  void leavesNetworksWithoutConvolutionsAlone() {
    MultiLayerNetwork mlp = build(spec("{type: mlp, hidden: [8]}"));
    assertFalse(ConvolutionCache.enable(mlp));
    assertEquals(CacheMode.NONE, mlp.getLayerWiseConfigurations().getCacheMode());
  }

  private static INDArray keptPreActivation(MultiLayerNetwork net, int layer) throws ReflectiveOperationException {
    Field field = AbstractLayer.class.getDeclaredField("preOutput");
    field.setAccessible(true);
    return (INDArray) field.get(net.getLayer(layer));
  }

  private static ExperimentSpec spec(String model) {
    return ConfigLoader.parse("model: " + model + "\n", "conv.yaml", "conv", List.of());
  }

  private static MultiLayerNetwork build(ExperimentSpec spec) {
    NetworkShape shape = spec.model().type() == io.troupe.config.ModelType.CNN ? SHAPE
        : new NetworkShape(new int[] {144}, 3, Task.CLASSIFICATION);
    return (MultiLayerNetwork) Networks.build(spec, shape, new Adam(1e-2), 7, ModelFile.NONE).model();
  }
}
