package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** The AdaGrad Troupe uses, because DL4J M2.1's AdaGrad turns NaN with a scheduled rate. */
class ScheduledAdaGradTest {
  private static final double[][] GRADIENTS = {
      {1.0, -2.0, 0.5, 0.0, 3.0},
      {0.5, 1.0, -1.5, 2.0, -3.0},
      {-1.0, 0.25, 0.0, 1.0, 1.0}};

  @Test
  void updateIsTheRateOverTheRootOfTheAccumulatedSquares() {
    double lr = 0.1;
    double eps = 1e-6;
    INDArray view = Nd4j.create(DataType.DOUBLE, 1, 5).assign(99); // junk: initialize must zero
    @SuppressWarnings("unchecked")
    GradientUpdater<ScheduledAdaGrad> u = new ScheduledAdaGrad(lr, eps).instantiate(view, true);
    double[] g2 = new double[5];
    for (int t = 0; t < GRADIENTS.length; t++) {
      INDArray g = Nd4j.create(new double[][] {GRADIENTS[t]});
      u.applyUpdater(g, t, 0);
      for (int i = 0; i < 5; i++) {
        g2[i] += GRADIENTS[t][i] * GRADIENTS[t][i];
        double expected = lr * GRADIENTS[t][i] / (Math.sqrt(g2[i]) + eps);
        assertEquals(expected, g.getDouble(0, i), 1e-12, "step " + t + " element " + i);
      }
    }
    assertEquals(g2[0], view.getDouble(0, 0), 1e-12, "the accumulated square lives in DL4J's state view");
  }

  @Test
  void trainsWithAScheduleWhereDl4jsAdaGradReturnsNaN() {
    DataSet data = Nets.classification(32, 21);
    EpochSchedule schedule = EpochSchedule.step(0.05, 4, 1, 0.5);
    MultiLayerNetwork ours = Nets.classifier(new ScheduledAdaGrad(schedule, 1e-8), 9);
    Nets.fit(ours, data, 10);
    assertTrue(Double.isFinite(ours.score()), "score " + ours.score());
    MultiLayerNetwork dl4j = Nets.classifier(new org.nd4j.linalg.learning.config.AdaGrad(schedule, 1e-8), 9);
    Nets.fit(dl4j, data, 10);
    // If DL4J fixes this, the workaround can go; this assertion will say so.
    assertTrue(Double.isNaN(dl4j.score()), "DL4J's scheduled AdaGrad no longer NaNs: score " + dl4j.score());
  }

  @Test
  void survivesConfigurationJsonAndModelSerializer() throws IOException {
    EpochSchedule schedule = EpochSchedule.cosine(0.2, 0.01, 50, 10);
    MultiLayerNetwork net = Nets.classifier(new ScheduledAdaGrad(schedule, 1e-7), 4);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
    assertEquals(net.getLayerWiseConfigurations(), back);
    ScheduledAdaGrad updater = (ScheduledAdaGrad) ((BaseLayer) back.getConf(0).getLayer()).getIUpdater();
    assertEquals(1e-7, updater.getEpsilon());
    assertEquals(schedule, updater.getLearningRateSchedule());
    DataSet data = Nets.classification(32, 5);
    Nets.fit(net, data, 3);
    MultiLayerNetwork restored = Nets.roundTrip(net, true);
    Nets.fit(net, data, 3);
    Nets.fit(restored, data, 3);
    assertTrue(restored.params().equalsWithEps(net.params(), 1e-12), "accumulated squares survive the round trip");
    assertThrows(IllegalArgumentException.class, () -> new ScheduledAdaGrad(0.1, 0));
  }
}
