package io.troupe.artifacts;

import static io.troupe.testing.Messages.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelArtifactsTest {
  @TempDir Path tmp;

  /** 3 inputs -> 4 tanh -> 2-class softmax, Adam, fixed seed. */
  private static MultiLayerNetwork smallNet() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42).updater(new Adam(0.01)).list()
        .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static INDArray input() {
    return Nd4j.create(new float[] {0.1f, -0.4f, 0.7f, 1.0f, 0.0f, -1.0f}, new long[] {2, 3});
  }

  /** One Adam step so the updater has non-zero state worth saving. */
  private static MultiLayerNetwork trainedNet() {
    MultiLayerNetwork net = smallNet();
    net.fit(input(), Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}));
    return net;
  }

  @Test
  void networkRoundTripsWithSameParamsAndOutputs() throws IOException {
    MultiLayerNetwork net = trainedNet();
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    ModelArtifacts.save(store, "t0001/model.zip", net, false);
    MultiLayerNetwork loaded = (MultiLayerNetwork) ModelArtifacts.load(store, "t0001/model.zip", false);
    assertEquals(net.params(), loaded.params());
    assertEquals(net.output(input()), loaded.output(input()));
  }

  @Test
  void updaterStateIsSavedOnlyWhenAsked() throws IOException {
    // Resuming training needs Adam's moments; a model kept for scoring does not.
    MultiLayerNetwork net = trainedNet();
    INDArray state = net.getUpdater().getStateViewArray();
    assertNotEquals(0.0, state.norm1Number().doubleValue(), "Adam state should be non-zero");
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    ModelArtifacts.save(store, "with.zip", net, true);
    ModelArtifacts.save(store, "without.zip", net, false);
    MultiLayerNetwork resumed = (MultiLayerNetwork) ModelArtifacts.load(store, "with.zip", true);
    assertEquals(state, resumed.getUpdater().getStateViewArray());
    MultiLayerNetwork scoring = (MultiLayerNetwork) ModelArtifacts.load(store, "without.zip", true);
    assertNull(scoring.getUpdater(false));
  }

  @Test
  void paramsRoundTripKeepingShapeAndType() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    INDArray params = trainedNet().params().dup();
    ModelArtifacts.saveParams(store, "t0001/swa.bin", params);
    INDArray loaded = ModelArtifacts.loadParams(store, "t0001/swa.bin");
    assertEquals(DataType.FLOAT, loaded.dataType());
    assertArrayEquals(params.shape(), loaded.shape());
    assertEquals(params, loaded);
    // Loaded params drive a fresh network to the same outputs.
    MultiLayerNetwork fresh = smallNet();
    fresh.setParams(loaded);
    assertEquals(trainedNet().output(input()), fresh.output(input()));
  }

  @Test
  void missingArtifactsNameTheKey() {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    assertContains(assertThrows(NoSuchFileException.class,
        () -> ModelArtifacts.load(store, "t7/model.zip", false)), "t7/model.zip");
    assertContains(assertThrows(NoSuchFileException.class,
        () -> ModelArtifacts.loadParams(store, "t7/ema.bin")), "t7/ema.bin");
  }

  @Test
  void corruptArtifactsFailNamingTheFile() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    store.write("bad.zip", out -> out.write(new byte[] {1, 2, 3, 4, 5}));
    IOException model = assertThrows(IOException.class,
        () -> ModelArtifacts.load(store, "bad.zip", false));
    assertContains(model, store.describe("bad.zip"));
    IOException params = assertThrows(IOException.class,
        () -> ModelArtifacts.loadParams(store, "bad.zip"));
    assertContains(params, store.describe("bad.zip"));
  }
}
