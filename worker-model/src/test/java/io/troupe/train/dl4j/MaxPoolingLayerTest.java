package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The SIMD max pooling computes DL4J's numbers to the bit, ties included, and only where it is swapped in. */
class MaxPoolingLayerTest {
  private static final ExperimentSpec CNN = ConfigLoader.parse("""
      model: {type: cnn, conv: {channels: [4, 8], kernel: 3, pool: 2}, hidden: [16], batchNorm: true, activation: relu}
      """, "pool.yaml", "pool", List.of());

  /** 2x2 windows at stride 2, no padding, dilation 1, NCHW: libnd4j's integer arguments. */
  private static final int[] POOL_ARGS = {2, 2, 2, 2, 0, 0, 1, 1, 1, 0, 0};

  @ParameterizedTest(name = "shape {0}")
  @ValueSource(strings = {"3,5,28,28", "2,3,14,14", "1,1,6,10", "1,2,2,2"})
  void kernelIsLibnd4jsPoolingToTheBitWithTiesAndSignedZeros(String dims) {
    long[] shape = java.util.Arrays.stream(dims.split(",")).mapToLong(Long::parseLong).toArray();
    // Few distinct values, so most windows hold ties; zeros of both signs among them.
    INDArray x = Transforms.round(Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(6), false);
    x.putScalar(new long[] {0, 0, 0, 0}, -0f);
    x.putScalar(new long[] {0, 0, 0, 1}, 0f);
    x.putScalar(new long[] {0, 0, 1, 0}, 0f);
    x.putScalar(new long[] {0, 0, 1, 1}, -0f);
    long[] pooled = {shape[0], shape[1], shape[2] / 2, shape[3] / 2};
    INDArray expected = Nd4j.create(DataType.FLOAT, pooled);
    Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(expected)
        .addIntegerArguments(POOL_ARGS).build());
    INDArray g = Nd4j.rand(DataType.FLOAT, pooled).addi(0.5);
    INDArray expectedDx = Nd4j.create(DataType.FLOAT, shape);
    Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, g).addOutputs(expectedDx)
        .addIntegerArguments(POOL_ARGS).build());

    MaxPoolKernel.Scratch scratch = new MaxPoolKernel.Scratch();
    INDArray out = Nd4j.create(DataType.FLOAT, pooled);
    MaxPoolKernel.forward(Simd.bytes(x), (int) x.length(), (int) shape[3], Simd.bytes(out), scratch);
    assertBits(expected, out);
    assertEquals(-0f, out.getFloat(0, 0, 0, 0), "the first of tied zeros, with its sign");
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(out.getFloat(0, 0, 0, 0)));
    INDArray dx = Nd4j.create(DataType.FLOAT, shape);
    MaxPoolKernel.backward(Simd.bytes(g), (int) x.length(), (int) shape[3], scratch, Simd.bytes(dx));
    assertBits(expectedDx, dx);
    assertEquals(g.sumNumber().doubleValue(), dx.sumNumber().doubleValue(), 1e-3,
        "each output's gradient lands on exactly one input");
  }

  @Test
  void trainsToTheSameBitsAsDl4jsLayerAndKeepsItsConfiguration() {
    NetworkShape shape = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);
    MultiLayerNetwork dl4j = cnn(shape);
    MultiLayerNetwork ours = cnn(shape);
    assertEquals(2, MaxPoolingLayer.install(ours), "both conv blocks' pooling");
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 144).muli(5).subi(2);
    INDArray labels = OneHotLabels.cycling(32, 3);
    for (int step = 0; step < 4; step++) {
      dl4j.fit(features, labels);
      ours.fit(features, labels);
    }
    assertArrayEquals(dl4j.params().data().asFloat(), ours.params().data().asFloat(), "weights after 4 steps");
    assertArrayEquals(dl4j.output(features, false).data().asFloat(), ours.output(features, false).data().asFloat());
    int pools = 0;
    for (Layer layer : ours.getLayers()) {
      if (layer instanceof MaxPoolingLayer pool) {
        assertEquals(8, pool.simdPasses, "4 forward and 4 backward passes ran on the kernel");
        assertSame(pool, ours.getLayer(pool.getIndex()));
        pools++;
      }
    }
    assertEquals(2, pools);
    assertEquals(dl4j.getLayerWiseConfigurations().toJson(), ours.getLayerWiseConfigurations().toJson(),
        "the configuration, and so the saved model, stays DL4J's SubsamplingLayer");
  }

  @Test
  void oddSizesFallBackToDl4jWithTheSameNumbers() {
    // 10x10 pools to 5x5, which the second pooling cannot halve: that layer runs DL4J's own code.
    NetworkShape shape = new NetworkShape(new int[] {1, 10, 10}, 3, Task.CLASSIFICATION);
    MultiLayerNetwork dl4j = cnn(shape);
    MultiLayerNetwork ours = cnn(shape);
    assertEquals(2, MaxPoolingLayer.install(ours));
    INDArray features = Nd4j.rand(DataType.FLOAT, 16, 100);
    INDArray labels = OneHotLabels.cycling(16, 3);
    for (int step = 0; step < 3; step++) {
      dl4j.fit(features, labels);
      ours.fit(features, labels);
    }
    assertArrayEquals(dl4j.params().data().asFloat(), ours.params().data().asFloat());
    List<Long> passes = java.util.Arrays.stream(ours.getLayers()).filter(MaxPoolingLayer.class::isInstance)
        .map(l -> ((MaxPoolingLayer) l).simdPasses).toList();
    assertEquals(List.of(6L, 0L), passes, "the even 10x10 on the kernel, the odd 5x5 on DL4J's");
  }

  @Test
  void leavesOtherPoolingAndTrainedNetworksAlone() {
    NetworkShape shape = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);
    ExperimentSpec threeByThree = ConfigLoader.parse("""
        model: {type: cnn, conv: {channels: [4], kernel: 3, pool: 3}, hidden: [8], activation: relu}
        """, "pool3.yaml", "pool3", List.of());
    MultiLayerNetwork net = (MultiLayerNetwork) Networks.build(threeByThree, shape, new Adam(1e-2), 7,
        ModelFile.NONE).model();
    assertEquals(0, MaxPoolingLayer.install(net));
    MultiLayerNetwork trained = cnn(shape);
    trained.fit(Nd4j.rand(DataType.FLOAT, 8, 144), OneHotLabels.cycling(8, 3));
    assertEquals(0, MaxPoolingLayer.install(trained), "its updater holds the layer objects it was made with");
    assertTrue(java.util.Arrays.stream(trained.getLayers()).anyMatch(l -> l.getClass() == SubsamplingLayer.class));
  }

  private static MultiLayerNetwork cnn(NetworkShape shape) {
    return (MultiLayerNetwork) Networks.build(CNN, shape, new Adam(1e-2), 7, ModelFile.NONE).model();
  }

  private static void assertBits(INDArray expected, INDArray actual) {
    float[] e = expected.data().asFloat();
    float[] a = actual.data().asFloat();
    assertEquals(e.length, a.length);
    for (int i = 0; i < e.length; i++) {
      assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "element " + i + ": " + e[i] + " vs " + a[i]);
    }
  }
}
