package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** Batch norm's training statistics over contiguous rows, and the oneDNN helper that uses them. */
class OneDnnBatchNormHelperTest {
  private static final ExperimentSpec CNN = ConfigLoader.parse("""
      model: {type: cnn, conv: {channels: [4, 8], kernel: 3, pool: 2}, hidden: [16], batchNorm: true}
      """, "bn.yaml", "bn", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);

  @Test
  void statisticsMatchAnExactReferenceEvenFarFromZero() {
    // A mean 300 standard deviations from zero: E[x^2] - E[x]^2 in float loses the variance here.
    INDArray x = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9).addi(300);
    double[][] exact = exactStatistics(x);
    INDArray mean = Nd4j.create(DataType.FLOAT, 5);
    INDArray var = Nd4j.create(DataType.FLOAT, 5);
    assertTrue(BatchStatistics.handles(x));
    BatchStatistics.compute(x, mean, var);
    for (int c = 0; c < 5; c++) {
      assertEquals(exact[0][c], mean.getDouble(c), 1e-6 * 300, "mean of channel " + c);
      assertEquals(exact[1][c], var.getDouble(c), 1e-5 * exact[1][c], "variance of channel " + c);
    }
  }

  @Test
  void statisticsMatchNd4jsForConvolutionAndDenseActivations() {
    INDArray conv = Nd4j.rand(DataType.FLOAT, 16, 8, 6, 6).muli(4).subi(1);
    assertClose(nd4jStatistics(conv, 0, 2, 3), ours(conv));
    INDArray dense = Nd4j.rand(DataType.FLOAT, 16, 10).muli(3);
    assertClose(nd4jStatistics(dense, 0), ours(dense));
  }

  @Test
  void readsAViewFromItsOwnOffset() {
    INDArray whole = Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4);
    INDArray secondHalf = whole.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.all());
    assertNotEquals(0, secondHalf.offset());
    assertTrue(BatchStatistics.handles(secondHalf));
    assertClose(nd4jStatistics(secondHalf.dup(), 0, 2, 3), ours(secondHalf));
    INDArray strided = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all(),
        NDArrayIndex.all());
    assertFalse(BatchStatistics.handles(strided), "not contiguous per plane: DL4J's reduction takes it");
  }

  @Test
  void installsOnEveryOneDnnBatchNormLayerAndComputesWhatDl4jsHelperDoes() {
    MultiLayerNetwork dl4j = cnn();
    MultiLayerNetwork ours = cnn();
    assertEquals(3, OneDnnBatchNormHelper.install(ours), "after both conv layers and the dense one");
    List<OneDnnBatchNormHelper> helpers = helpers(ours);
    assertEquals(3, helpers.size());
    assertInstanceOf(MKLDNNBatchNormHelper.class, dl4j.getLayer(1).getHelper());
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 144).muli(5);
    INDArray labels = OneHotLabels.cycling(32, 3);

    Gradient expected = gradient(dl4j, features, labels);
    Gradient actual = gradient(ours, features, labels);
    assertEquals(dl4j.score(), ours.score(), 1e-5);
    // Against the largest gradient anywhere: a conv bias before batch norm has a gradient of exactly 0
    // in exact arithmetic, which both leave as float noise.
    double scale = expected.gradient().amaxNumber().doubleValue();
    for (Map.Entry<String, INDArray> e : expected.gradientForVariable().entrySet()) {
      INDArray mine = actual.getGradientFor(e.getKey());
      assertTrue(e.getValue().sub(mine).amaxNumber().doubleValue() <= 1e-4 * scale, e.getKey());
    }
    for (OneDnnBatchNormHelper h : helpers) {
      assertEquals(1, h.trainingPasses, "the helper ran, not DL4J's fallback");
      assertEquals(1, h.backwardPasses);
    }
    assertEquals(List.of(1L, 1L, 0L), helpers.stream().map(h -> h.simdForwardPasses).toList(),
        "the conv blocks' batch norms normalise in SIMD lanes in training");
    assertEquals(List.of(1L, 1L, 0L), helpers.stream().map(h -> h.simdBackwardPasses).toList(),
        "the conv blocks' batch norms backprop in SIMD lanes (BatchNormTraining), the dense one in libnd4j");
    // One step each: the running mean and variance the layers keep come from the batch statistics.
    dl4j.fit(features, labels);
    ours.fit(features, labels);
    for (String stat : List.of("mean", "var")) {
      INDArray a = dl4j.getLayer(1).getParam(stat);
      INDArray b = ours.getLayer(1).getParam(stat);
      assertTrue(a.sub(b).amaxNumber().doubleValue() <= 1e-5 * a.amaxNumber().doubleValue(), stat + ": " + a + " vs " + b);
    }
    // Inference on the same parameters and running statistics (Adam turns float noise in a zero
    // gradient into whole steps, so the parameters themselves are not compared after a step).
    ours.setParams(dl4j.params().dup());
    INDArray out = dl4j.output(features, false);
    assertTrue(out.sub(ours.output(features, false)).amaxNumber().doubleValue() < 1e-5, "inference");
  }

  @Test
  void trainingWithItIsReproducible() {
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 144);
    INDArray labels = OneHotLabels.cycling(32, 3);
    MultiLayerNetwork a = cnn();
    MultiLayerNetwork b = cnn();
    OneDnnBatchNormHelper.install(a);
    OneDnnBatchNormHelper.install(b);
    for (int step = 0; step < 5; step++) {
      a.fit(features, labels);
      b.fit(features, labels);
    }
    assertEquals(a.params(), b.params(), "same seed, same data, same numbers");
    assertTrue(helpers(a).stream().allMatch(h -> h.trainingPasses == 5 && h.backwardPasses == 5));
  }

  private static List<OneDnnBatchNormHelper> helpers(MultiLayerNetwork net) {
    List<OneDnnBatchNormHelper> found = new java.util.ArrayList<>();
    for (Layer layer : net.getLayers()) {
      if (layer instanceof BatchNormalization && layer.getHelper() instanceof OneDnnBatchNormHelper h) {
        found.add(h);
      }
    }
    return found;
  }

  private static Gradient gradient(MultiLayerNetwork net, INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.gradient();
  }

  private static MultiLayerNetwork cnn() {
    return (MultiLayerNetwork) Networks.build(CNN, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
  }

  private static INDArray[] ours(INDArray x) {
    INDArray mean = Nd4j.create(DataType.FLOAT, x.size(1));
    INDArray var = Nd4j.create(DataType.FLOAT, x.size(1));
    BatchStatistics.compute(x, mean, var);
    return new INDArray[] {mean, var};
  }

  private static INDArray[] nd4jStatistics(INDArray x, int... axes) {
    INDArray var = Nd4j.create(DataType.FLOAT, x.size(1));
    Nd4j.exec(new Variance(x, var, false, axes));
    return new INDArray[] {x.mean(axes), var};
  }

  private static void assertClose(INDArray[] expected, INDArray[] actual) {
    for (int i = 0; i < 2; i++) {
      double scale = Math.max(1e-3, expected[i].amaxNumber().doubleValue());
      double diff = expected[i].sub(actual[i]).amaxNumber().doubleValue();
      assertTrue(diff <= 1e-5 * scale, (i == 0 ? "mean" : "variance") + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  /** Per channel, in double from the floats, two passes over the whole channel. */
  private static double[][] exactStatistics(INDArray x) {
    long n = x.size(0);
    long c = x.size(1);
    double[][] stats = new double[2][(int) c];
    for (int ch = 0; ch < c; ch++) {
      double[] values = x.get(NDArrayIndex.all(), NDArrayIndex.point(ch), NDArrayIndex.all(), NDArrayIndex.all())
          .dup().castTo(DataType.DOUBLE).data().asDouble();
      double mean = java.util.Arrays.stream(values).sum() / values.length;
      stats[0][ch] = mean;
      stats[1][ch] = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
      assertEquals(n * x.size(2) * x.size(3), values.length);
    }
    return stats;
  }
}
