package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class HeavyBallMomentumTest {
  private static final double[][] GRADIENTS = {
      {1.0, -2.0, 0.5, 0.0, 3.0},
      {0.5, 1.0, -1.5, 2.0, -3.0},
      {-1.0, 0.25, 0.0, 1.0, 1.0},
      {2.0, 2.0, 2.0, -2.0, 0.125}};

  /** Runs GRADIENTS through a fresh updater and returns the update it produced at each step. */
  private static double[][] updaterSteps(HeavyBallMomentum config) {
    INDArray view = Nd4j.create(DataType.DOUBLE, 1, 5).assign(99); // junk: initialize must zero
    @SuppressWarnings("unchecked")
    GradientUpdater<HeavyBallMomentum> u = config.instantiate(view, true);
    double[][] out = new double[GRADIENTS.length][];
    for (int t = 0; t < GRADIENTS.length; t++) {
      INDArray g = Nd4j.create(new double[][] {GRADIENTS[t]});
      u.applyUpdater(g, t, 0);
      out[t] = g.toDoubleVector();
    }
    return out;
  }

  @Test
  void updateIsLearningRateTimesHeavyBallVelocity() {
    double lr = 0.1;
    double beta = 0.9;
    double[][] got = updaterSteps(new HeavyBallMomentum(lr, beta));
    double[] v = new double[5];
    for (int t = 0; t < GRADIENTS.length; t++) {
      for (int i = 0; i < 5; i++) {
        v[i] = beta * v[i] + GRADIENTS[t][i]; // classical momentum, no look-ahead
        assertEquals(lr * v[i], got[t][i], 1e-12, "step " + t + " element " + i);
      }
    }
    // Pinned by hand: v1 = 0.9 * 1.0 + 0.5 = 1.4, update 0.14 (DL4J Nesterovs gives 0.176).
    assertEquals(0.14, got[1][0], 1e-12);
  }

  @Test
  void scheduledLearningRateIsReadAtEachIteration() {
    // lr halves every iteration (1 iteration per epoch, step every epoch).
    EpochSchedule halving = EpochSchedule.step(1.0, 1, 1.0, 0.5);
    double[][] got = updaterSteps(new HeavyBallMomentum(halving, 0.5));
    double[] v = new double[5];
    for (int t = 0; t < GRADIENTS.length; t++) {
      for (int i = 0; i < 5; i++) {
        v[i] = 0.5 * v[i] + GRADIENTS[t][i];
        assertEquals(Math.pow(0.5, t) * v[i], got[t][i], 1e-12, "step " + t + " element " + i);
      }
    }
  }

  @Test
  void stateIsTheViewAndCanBeSetFromAMap() {
    INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, 3);
    GradientUpdater<?> u = new HeavyBallMomentum(1.0, 0.5).instantiate(view, true);
    u.applyUpdater(Nd4j.create(new double[][] {{1, 2, 3}}), 0, 0);
    // The velocity is written into DL4J's state view, so it is saved with the model.
    assertEquals(Nd4j.create(new double[][] {{1, 2, 3}}), view);
    Map<String, INDArray> state = Map.of(HeavyBallMomentumUpdater.V_STATE,
        Nd4j.create(new double[][] {{2, 2, 2}}));
    GradientUpdater<?> restored = new HeavyBallMomentum(1.0, 0.5).instantiate(state, false);
    assertSame(state.get("V"), restored.getState().get("V"));
    INDArray g = Nd4j.create(new double[][] {{1, 1, 1}});
    restored.applyUpdater(g, 1, 0);
    assertEquals(Nd4j.create(new double[][] {{2, 2, 2}}), g, "0.5 * 2 + 1 = 2");
    assertThrows(IllegalStateException.class,
        () -> new HeavyBallMomentum(1, 0.5).instantiate(Map.of("M", g), false));
  }

  @Test
  void rejectsInvalidArguments() {
    assertThrows(IllegalArgumentException.class, () -> new HeavyBallMomentum(0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new HeavyBallMomentum(0.1, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new HeavyBallMomentum(Double.NaN, 0.9));
    assertThrows(NullPointerException.class, () -> new HeavyBallMomentum(null, 0.9));
  }

  @Test
  void betaZeroIsPlainSgd() {
    DataSet data = Nets.classification(32, 5);
    MultiLayerNetwork heavy = Nets.classifier(new HeavyBallMomentum(0.1, 0.0), 7);
    MultiLayerNetwork sgd = Nets.classifier(new Sgd(0.1), 7);
    assertEquals(sgd.params(), heavy.params(), "same seed, same initial weights");
    Nets.fit(heavy, data, 10);
    Nets.fit(sgd, data, 10);
    assertTrue(heavy.params().equalsWithEps(sgd.params(), 1e-12), "beta = 0 must be SGD");
    // And momentum does change the trajectory (so the comparison above can fail).
    MultiLayerNetwork withMomentum = Nets.classifier(new HeavyBallMomentum(0.1, 0.9), 7);
    Nets.fit(withMomentum, data, 10);
    assertTrue(!withMomentum.params().equalsWithEps(sgd.params(), 1e-6));
  }

  @Test
  void trainsASmallNetwork() {
    DataSet data = Nets.classification(64, 11);
    MultiLayerNetwork net = Nets.classifier(new HeavyBallMomentum(0.05, 0.9), 3);
    double before = net.score(data);
    Nets.fit(net, data, 100);
    double after = net.score(data);
    assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
  }

  @Test
  void survivesConfigurationJson() {
    EpochSchedule schedule = EpochSchedule.cosine(0.2, 0.01, 50, 10);
    MultiLayerConfiguration conf = Nets.builder(new HeavyBallMomentum(0.05, 0.8), 1).list()
        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(4).nOut(8).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
            .updater(new HeavyBallMomentum(schedule, 0.95)).build())
        .build();
    String json = conf.toJson();
    assertTrue(json.contains(HeavyBallMomentum.class.getName()), json);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
    assertEquals(conf, back);
    HeavyBallMomentum first = updaterOf(back, 0);
    assertEquals(0.05, first.getLearningRate());
    assertEquals(0.8, first.getMomentum());
    assertEquals(null, first.getLearningRateSchedule());
    HeavyBallMomentum second = updaterOf(back, 1);
    assertEquals(0.95, second.getMomentum());
    assertEquals(schedule, second.getLearningRateSchedule());
    assertEquals(schedule.valueAt(123, 0), second.getLearningRate(123, 0));
    assertNotEquals(first, second);
  }

  private static HeavyBallMomentum updaterOf(MultiLayerConfiguration conf, int layer) {
    return (HeavyBallMomentum) ((BaseLayer) conf.getConf(layer).getLayer()).getIUpdater();
  }

  @Test
  void modelSerializerKeepsTheVelocity() throws IOException {
    DataSet data = Nets.classification(32, 21);
    // A scheduled rate, so the schedule's trip through the saved configuration is covered too.
    EpochSchedule schedule = EpochSchedule.exponential(0.05, 4, 0.1);
    MultiLayerNetwork net = Nets.classifier(new HeavyBallMomentum(schedule, 0.9), 9);
    Nets.fit(net, data, 5);
    assertTrue(net.getUpdater().getStateViewArray().norm2Number().doubleValue() > 0,
        "velocity is non-zero after training, so losing it would show");
    MultiLayerNetwork restored = Nets.roundTrip(net, true);
    MultiLayerNetwork withoutState = Nets.roundTrip(net, false);
    assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
    assertEquals(5, restored.getIterationCount(), "the iteration count is saved with the model");
    assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    Nets.fit(net, data, 5);
    Nets.fit(restored, data, 5);
    Nets.fit(withoutState, data, 5);
    assertTrue(restored.params().equalsWithEps(net.params(), 1e-12),
        "continuing after a round trip must equal continuing without one");
    assertTrue(!withoutState.params().equalsWithEps(net.params(), 1e-6),
        "dropping the velocity changes the result (the check above can fail)");
  }
}
