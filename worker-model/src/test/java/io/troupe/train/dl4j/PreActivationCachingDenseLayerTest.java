package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
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
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Keeping the forward pre-activation for backprop changes no weight and leaves saved models plain. */
class PreActivationCachingDenseLayerTest {
  private static final ExperimentSpec MLP = ConfigLoader.parse("""
      model: {hidden: [16, 8], dropout: 0.5, activation: tanh}
      train: {l2: 1.0e-4}
      """, "mlp.yaml", "mlp", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {20}, 3, Task.CLASSIFICATION);
  private static final int STEPS = 6;

  @Test
  void trainsBitForBitAsDl4jsOwnDenseLayerReusesEveryPreActivationAndSkipsTheInputGradient() {
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 20);
    INDArray labels = OneHotLabels.cycling(32, 3);
    MultiLayerNetwork plain = build();
    MultiLayerNetwork keeping = build();
    assertEquals(2, PreActivationCachingDenseLayer.install(keeping), "the two hidden layers, not the output layer");
    double[] scores = new double[2];
    int n = 0;
    for (MultiLayerNetwork net : List.of(plain, keeping)) {
      Nd4j.getRandom().setSeed(3); // the same dropout masks for both
      for (int step = 0; step < STEPS; step++) {
        net.fit(features, labels); // the same array each step, as Troupe's reused batches are
      }
      scores[n++] = net.score();
    }
    assertEquals(plain.params(), keeping.params(), "bit for bit");
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

  private static MultiLayerNetwork build() {
    return (MultiLayerNetwork) Networks.build(MLP, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
  }
}
