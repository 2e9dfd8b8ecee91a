package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.testing.OneHotLabels;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Troupe trains on ND4J's oneDNN build with DL4J's oneDNN layer helpers, and they compute what DL4J's
 * own layers compute (NativeBackend, the Nd4jCpu shim).
 */
class NativeBackendTest {
  private static final ExperimentSpec SPEC = ConfigLoader.parse("""
      model: {type: cnn, conv: {channels: [4, 8], kernel: 3, pool: 2}, hidden: [16], batchNorm: true}
      """, "native.yaml", "native", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {1, 12, 12}, 3, Task.CLASSIFICATION);

  @Test
  void nd4jRunsTheOneDnnBuild() {
    Nd4j.create(1); // loads the backend if nothing has yet
    assertTrue(Loader.getLoadedLibraries().values().stream()
        .anyMatch(path -> path.contains("nd4jcpu") && path.contains("linux-x86_64" + NativeBackend.EXTENSION)),
        Loader.getLoadedLibraries().toString());
    assertTrue(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN(),
        "the shim must report ND4J's oneDNN build to DL4J");
  }

  @Test
  void troupesCnnLayersRunOnTheOneDnnHelpers() {
    MultiLayerNetwork net = withHelpers();
    int conv = 0;
    for (Layer layer : net.getLayers()) {
      if (layer instanceof ConvolutionLayer) {
        assertInstanceOf(MKLDNNConvHelper.class, layer.getHelper(), "layer " + layer.getIndex());
        conv++;
      } else if (layer instanceof BatchNormalization) {
        assertInstanceOf(MKLDNNBatchNormHelper.class, layer.getHelper(), "layer " + layer.getIndex());
      } else if (layer instanceof SubsamplingLayer) {
        assertInstanceOf(MKLDNNSubsamplingHelper.class, layer.getHelper(), "layer " + layer.getIndex());
      }
    }
    assertEquals(2, conv);
    String gemm = !OneDnnIsa.avx512Core() ? "" : OpenBlasCore.avx512Kernels() ? "+gemm-forward" : "+gemm";
    assertEquals("onednn+helpers" + gemm, NativeBackend.describe(), "what provenance records");
  }

  @Test
  void denseProductsGoToOneDnnWhereItHasAvx512UnlessTheSwitchSaysOtherwise() {
    Nd4j.create(1);
    try {
      assertEquals(OneDnnIsa.avx512Core(), NativeBackend.denseForwardOnOneDnn(), "unset: forward by oneDNN's ISA");
      assertEquals(OneDnnIsa.avx512Core() && !OpenBlasCore.avx512Kernels(), NativeBackend.denseBackpropOnOneDnn(),
          "unset: gradients on OpenBLAS where it has AVX-512 kernels (here " + OpenBlasCore.name() + ")");
      System.setProperty(NativeBackend.ONEDNN_GEMM, "true");
      assertTrue(NativeBackend.denseForwardOnOneDnn());
      assertTrue(NativeBackend.denseBackpropOnOneDnn());
      assertTrue(NativeBackend.describe().endsWith("+gemm"), NativeBackend.describe());
      System.setProperty(NativeBackend.ONEDNN_GEMM, "false");
      assertFalse(NativeBackend.denseForwardOnOneDnn());
      assertFalse(NativeBackend.denseBackpropOnOneDnn());
      assertFalse(NativeBackend.describe().contains("gemm"), NativeBackend.describe());
    } finally {
      System.clearProperty(NativeBackend.ONEDNN_GEMM);
    }
  }

  @Test
  void helpersComputeTheSameOutputAndGradientsAsDl4jsOwnLayers() {
    MultiLayerNetwork helped = withHelpers();
    MultiLayerNetwork plain = withoutHelpers(helped.getLayerWiseConfigurations());
    plain.setParams(helped.params().dup());
    assertNull(plain.getLayer(0).getHelper());

    INDArray features = Nd4j.rand(DataType.FLOAT, 16, 144);
    INDArray labels = OneHotLabels.cycling(16, 3);
    INDArray out = plain.output(features, false);
    assertTrue(close(out, helped.output(features, false), 1e-5, out.amaxNumber().doubleValue()));

    Gradient g1 = gradient(helped, features, labels);
    Gradient g2 = gradient(plain, features, labels);
    assertEquals(plain.score(), helped.score(), 1e-5);
    // Against the largest gradient anywhere: a conv bias before batch norm has a gradient of exactly 0
    // in exact arithmetic, which both paths leave as float noise of 1e-7.
    double scale = g2.gradient().amaxNumber().doubleValue();
    for (Map.Entry<String, INDArray> e : g2.gradientForVariable().entrySet()) {
      INDArray mine = g1.getGradientFor(e.getKey());
      assertTrue(close(e.getValue(), mine, 1e-4, scale), e.getKey() + ": " + e.getValue() + " vs " + mine);
    }
  }

  @Test
  void trainingOnTheHelpersIsReproducible() {
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 144);
    INDArray labels = OneHotLabels.cycling(32, 3);
    MultiLayerNetwork a = withHelpers();
    MultiLayerNetwork b = withHelpers();
    for (int step = 0; step < 5; step++) {
      a.fit(features, labels);
      b.fit(features, labels);
    }
    assertEquals(a.params(), b.params(), "same seed, same data, same numbers");
  }

  @Test
  void settlingDropoutHelpersIsAPureSpeedUp() {
    ExperimentSpec mlp = ConfigLoader.parse("model: {hidden: [16, 8], dropout: 0.5}", "mlp.yaml", "mlp", List.of());
    NetworkShape shape = new NetworkShape(new int[] {20}, 3, Task.CLASSIFICATION);
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 20);
    INDArray labels = OneHotLabels.cycling(32, 3);
    MultiLayerNetwork asking = (MultiLayerNetwork) Networks.build(mlp, shape, new Adam(1e-2), 7, ModelFile.NONE).model();
    MultiLayerNetwork settled = (MultiLayerNetwork) Networks.build(mlp, shape, new Adam(1e-2), 7, ModelFile.NONE).model();
    // Dropout on the second hidden layer's input and on the output layer's input.
    assertEquals(2, NativeBackend.settleDropoutHelpers(settled));
    for (MultiLayerNetwork net : List.of(asking, settled)) {
      Nd4j.getRandom().setSeed(11); // the same dropout masks for both
      for (int step = 0; step < 5; step++) {
        net.fit(features, labels);
      }
    }
    assertEquals(asking.params(), settled.params(), "bit for bit");
  }

  private static MultiLayerNetwork withHelpers() {
    Network network = Networks.build(SPEC, SHAPE, new Adam(1e-3), 7, ModelFile.NONE);
    return (MultiLayerNetwork) network.model();
  }

  /** DL4J's own layers: the switch is read when a layer is built. */
  private static MultiLayerNetwork withoutHelpers(MultiLayerConfiguration conf) {
    String before = System.getProperty(NativeBackend.HELPERS_OFF);
    System.setProperty(NativeBackend.HELPERS_OFF, "true");
    try {
      MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
      net.init();
      return net;
    } finally {
      System.setProperty(NativeBackend.HELPERS_OFF, before);
    }
  }

  private static Gradient gradient(MultiLayerNetwork net, INDArray features, INDArray labels) {
    net.setInput(features);
    net.setLabels(labels);
    net.computeGradientAndScore();
    return net.gradient();
  }

  /** Equal to within {@code tolerance} times {@code scale} (float sums differ in order). */
  private static boolean close(INDArray expected, INDArray actual, double tolerance, double scale) {
    return expected.sub(actual).amaxNumber().doubleValue() <= tolerance * scale;
  }
}
