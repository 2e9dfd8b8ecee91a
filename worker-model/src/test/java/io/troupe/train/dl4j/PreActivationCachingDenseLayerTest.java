package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NativeBackend;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Keeping the forward pre-activation for backprop changes no weight and leaves saved models plain; the
 * products on oneDNN change weights by float rounding only, the same every run.
 */
class PreActivationCachingDenseLayerTest {
  private static final String MLP_YAML = """
      model: {hidden: [16, 8], dropout: 0.5, activation: tanh}
      train: {l2: 1.0e-4}
      """;
  private static final ExperimentSpec MLP = ConfigLoader.parse(MLP_YAML, "mlp.yaml", "mlp", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {20}, 3, Task.CLASSIFICATION);
  private static final int STEPS = 6;

  @AfterEach
  void restoreDefault() {
    System.clearProperty(NativeBackend.ONEDNN_GEMM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tanh", "relu"}) // relu: its backprop runs on ReluKernel
  void onOpenBlasTrainsBitForBitAsDl4jsOwnDenseLayerReusesEveryPreActivationAndSkipsTheInputGradient(String fn) {
    System.setProperty(NativeBackend.ONEDNN_GEMM, "false");
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 20).subi(0.5);
    INDArray labels = OneHotLabels.cycling(32, 3);
    ExperimentSpec spec = ConfigLoader.parse(MLP_YAML.replace("tanh", fn), "mlp.yaml", "mlp", List.of());
    MultiLayerNetwork plain = build(spec);
    MultiLayerNetwork keeping = build(spec);
    assertEquals(2, PreActivationCachingDenseLayer.install(keeping), "the two hidden layers, not the output layer");
    NativeBackend.settleDropoutHelpers(plain); // as training does: then dropout's mask is drawn in SIMD lanes
    NativeBackend.settleDropoutHelpers(keeping);
    long drawn = SimdDropout.DRAWN.sum();
    double[] scores = {train(plain, features, labels), train(keeping, features, labels)};
    assertArrayEquals(floats(plain), floats(keeping), "bit for bit");
    // Troupe drops hidden units only: the second hidden layer's input (the output layer here is DL4J's).
    assertEquals(STEPS, SimdDropout.DRAWN.sum() - drawn, "the second layer's dropout drawn in SIMD lanes");
    // The L2 term is summed in double (L2Score), DL4J's in float: the same loss to its sixth digit.
    assertEquals(scores[0], scores[1], 1e-6 * scores[0]);
    for (int i = 0; i < 2; i++) {
      assertEquals(STEPS, ((PreActivationCachingDenseLayer) keeping.getLayer(i)).reused, "layer " + i);
      assertSame(keeping.getLayer(i), keeping.getLayer(keeping.getLayer(i).conf().getLayer().getLayerName()));
    }
    // Only the first layer's input gradient goes unread; the second's is the first's epsilon.
    assertEquals(STEPS, ((PreActivationCachingDenseLayer) keeping.getLayer(0)).inputGradientsSkipped);
    assertEquals(0, ((PreActivationCachingDenseLayer) keeping.getLayer(1)).inputGradientsSkipped);
    // Inference is untouched: the same outputs.
    assertEquals(plain.output(features, false), keeping.output(features, false));
  }

  @Test
  void aSavedModelIsAPlainDl4jModel() throws IOException {
    MultiLayerNetwork keeping = build();
    PreActivationCachingDenseLayer.install(keeping);
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    ModelSerializer.writeModel(keeping, zip, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip.toByteArray()));
    assertEquals(DenseLayer.class, restored.getLayer(0).getClass());
    assertFalse(restored.getLayerWiseConfigurations().toJson().contains("io.troupe"));
    assertEquals(keeping.params(), restored.params());
  }

  @Test
  void aNetworkWithAnUpdaterKeepsDl4jsLayers() {
    MultiLayerNetwork net = build();
    net.getUpdater(true);
    assertEquals(0, PreActivationCachingDenseLayer.install(net));
    assertEquals(DenseLayer.class, net.getLayer(0).getClass());
  }

  @Test
  void onOneDnnTrainsAsDl4jToFloatRoundingWithTheSameNumbersEveryRun() {
    System.setProperty(NativeBackend.ONEDNN_GEMM, "true"); // unset, an AVX2-only machine keeps OpenBLAS
    INDArray features = Nd4j.rand(DataType.FLOAT, 64, 20);
    INDArray labels = OneHotLabels.cycling(64, 3);
    MultiLayerNetwork plain = build();
    MultiLayerNetwork first = build();
    MultiLayerNetwork second = build();
    PreActivationCachingDenseLayer.install(first);
    PreActivationCachingDenseLayer.install(second);
    long before = OneDnnGemm.ON_ONEDNN.sum();
    double plainScore = train(plain, features, labels);
    double firstScore = train(first, features, labels);
    // Forward and weight gradient for both hidden layers, the input gradient for the second, each step.
    assertEquals(5L * STEPS, OneDnnGemm.ON_ONEDNN.sum() - before, "the products ran on oneDNN");
    train(second, features, labels);
    assertArrayEquals(floats(first), floats(second), "the same numbers every run");
    float[] expected = floats(plain);
    float[] actual = floats(first);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    // Adam's steps are lr = 1e-2 at most; a float-rounding difference moves a weight by far less.
    assertTrue(worst < 1e-4, "largest weight difference from DL4J's: " + worst);
    assertEquals(plainScore, firstScore, 1e-5 * plainScore);
    // Inference stays DL4J's: the trained network predicts exactly as its saved model does.
    MultiLayerNetwork restored = build();
    restored.setParams(first.params());
    assertArrayEquals(first.output(features, false).dup().data().asFloat(),
        restored.output(features, false).dup().data().asFloat());
  }

  /** STEPS steps on the same batch (as Troupe's reused batches are), the same dropout masks; the score. */
  private static double train(MultiLayerNetwork net, INDArray features, INDArray labels) {
    Nd4j.getRandom().setSeed(3);
    for (int step = 0; step < STEPS; step++) {
      net.fit(features, labels);
    }
    return net.score();
  }

  private static float[] floats(MultiLayerNetwork net) {
    return net.params().dup().data().asFloat();
  }

  private static MultiLayerNetwork build() {
    return build(MLP);
  }

  private static MultiLayerNetwork build(ExperimentSpec spec) {
    return (MultiLayerNetwork) Networks.build(spec, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
  }
}
