package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.ConfigLoader;
import io.troupe.config.ExperimentSpec;
import io.troupe.data.Task;
import io.troupe.model.ModelFile;
import io.troupe.model.NetworkShape;
import io.troupe.model.Networks;
import io.troupe.testing.OneHotLabels;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Sharing the output layer's pre-activation with the score changes no weight; the score agrees with DL4J's. */
class PreActivationSharingOutputLayerTest {
  // Dropout on the output layer's input too: a score computed on another mask would show.
  private static final ExperimentSpec MLP = ConfigLoader.parse("""
      model: {hidden: [16, 8], dropout: 0.5, activation: relu}
      train: {l2: 1.0e-4}
      """, "mlp.yaml", "mlp", List.of());
  private static final NetworkShape SHAPE = new NetworkShape(new int[] {20}, 3, Task.CLASSIFICATION);
  private static final int STEPS = 5;

  @Test
  void trainsBitForBitAsDl4jsOutputLayerWithTheSameScore() {
    MultiLayerNetwork plain = mlp();
    MultiLayerNetwork sharing = mlp();
    assertEquals(1, PreActivationSharingOutputLayer.install(sharing));
    INDArray features = Nd4j.rand(DataType.FLOAT, 32, 20).subi(0.5);
    INDArray labels = OneHotLabels.cycling(32, 3);
    double[] plainScores = train(plain, features, labels);
    double[] sharingScores = train(sharing, features, labels);
    assertArrayEquals(plain.params().data().asFloat(), sharing.params().data().asFloat(), "bit for bit");
    // Summed in double from the same logits: DL4J's float chain agrees to about its seventh digit.
    for (int step = 0; step < STEPS; step++) {
      assertEquals(plainScores[step], sharingScores[step], 1e-6 * plainScores[step], "step " + step);
    }
    PreActivationSharingOutputLayer out = (PreActivationSharingOutputLayer) sharing.getLayer(2);
    assertEquals(STEPS, out.reused, "every score reused backprop's pre-activation");
    assertEquals(STEPS, out.scoresSummed);
    assertEquals(plain.output(features, false), sharing.output(features, false));
    assertEquals(plain.getLayerWiseConfigurations().toJson(), sharing.getLayerWiseConfigurations().toJson());
  }

  @Test
  void aWeightedLossKeepsDl4jsScoreExactlyAndStillSharesThePreActivation() {
    MultiLayerNetwork plain = weighted();
    MultiLayerNetwork sharing = weighted();
    assertEquals(1, PreActivationSharingOutputLayer.install(sharing));
    INDArray features = Nd4j.rand(DataType.FLOAT, 16, 20);
    INDArray labels = OneHotLabels.cycling(16, 3);
    assertArrayEquals(train(plain, features, labels), train(sharing, features, labels), 0.0,
        "DL4J's own score, from the shared array");
    assertArrayEquals(plain.params().data().asFloat(), sharing.params().data().asFloat());
    PreActivationSharingOutputLayer out = (PreActivationSharingOutputLayer) sharing.getLayer(1);
    assertEquals(STEPS, out.reused);
    assertEquals(0, out.scoresSummed);
  }

  @Test
  void theSumMatchesDl4jsLossWhereTheClipEngages() {
    INDArray z = Nd4j.create(new float[][] {{40f, -40f, 0f}, {0.1f, 0.2f, 0.3f}, {-60f, 60f, 1f}});
    INDArray labels = Nd4j.create(new float[][] {{0f, 1f, 0f}, {1f, 0f, 0f}, {1f, 0f, 0f}});
    LossMCXENT loss = new LossMCXENT();
    double expected = loss.computeScore(labels, z.dup(), new ActivationSoftmax(), null, false);
    double actual = SoftmaxCrossEntropy.sum(Simd.bytes(z), Simd.bytes(labels), 3, 3, loss.getSoftmaxClipEps());
    assertEquals(expected, actual, 1e-5 * expected);
    // Rows 1 and 3 score the clipped probability 1e-10, -log of which is 23.03 each.
    assertEquals(2 * -Math.log(1e-10), actual, 1.5);
  }

  @Test
  void leavesATrainedNetworkAlone() {
    MultiLayerNetwork trained = mlp();
    trained.fit(Nd4j.rand(DataType.FLOAT, 8, 20), OneHotLabels.cycling(8, 3));
    assertEquals(0, PreActivationSharingOutputLayer.install(trained), "its updater holds the layer objects");
    assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, trained.getLayer(2).getClass());
  }

  /** Steps from one seed of ND4J's shared generator, so both networks draw the same dropout masks. */
  private static double[] train(MultiLayerNetwork net, INDArray features, INDArray labels) {
    Nd4j.getRandom().setSeed(3);
    double[] scores = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      net.fit(features, labels);
      scores[step] = net.score();
    }
    return scores;
  }

  private static MultiLayerNetwork mlp() {
    return (MultiLayerNetwork) Networks.build(MLP, SHAPE, new Adam(1e-2), 7, ModelFile.NONE).model();
  }

  private static MultiLayerNetwork weighted() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2)).list()
        .layer(new DenseLayer.Builder().nIn(20).nOut(8).activation(Activation.RELU).dropOut(0.5).build())
        .layer(new OutputLayer.Builder(new LossMCXENT(Nd4j.create(new float[] {1f, 2f, 0.5f})))
            .nIn(8).nOut(3).activation(Activation.SOFTMAX).dropOut(0.5).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
