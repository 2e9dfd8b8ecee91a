package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.config.ExperimentSpec;
import io.troupe.model.ModelFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The config states the DROP probability; DL4J's dropOut(p) takes the RETAIN probability. */
class DropoutConversionTest {
  @Test
  void dropProbabilityBecomesRetainProbability() {
    assertEquals(0.8, ModelFactory.retainProbability(0.2), 1e-12);
    assertEquals(1.0, ModelFactory.retainProbability(0.0), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ModelFactory.retainProbability(1.0));
  }

  @Test
  void hiddenUnitsAreDroppedButInputsAreNot() {
    ExperimentSpec spec = TrialFixture.spec("model.hidden=[16, 8]", "model.dropout=0.2");
    MultiLayerConfiguration conf = ModelFactory.build(spec.model(), spec.train(),
        NetworkShape.of(TrialFixture.data(spec).train()), new Sgd(0.1), 1);
    // DL4J applies a layer's dropout to that layer's INPUT: the first layer reads raw inputs.
    assertNull(((BaseLayer) conf.getConf(0).getLayer()).getIDropout());
    for (int layer = 1; layer <= 2; layer++) {
      Dropout d = assertInstanceOf(Dropout.class, ((BaseLayer) conf.getConf(layer).getLayer()).getIDropout());
      assertEquals(0.8, d.getP(), 1e-12, "layer " + layer + " retain probability");
    }
  }

  @Test
  void dl4jsDropoutWithP08DropsAboutAFifth() {
    // Pins DL4J's meaning of p: with p = 0.8 about 20% of units are zeroed, survivors scaled by 1/0.8.
    Nd4j.getRandom().setSeed(3);
    INDArray ones = Nd4j.ones(200, 500);
    INDArray out = new Dropout(0.8).applyDropout(ones.dup(), Nd4j.createUninitialized(ones.dataType(), ones.shape()),
        0, 0, LayerWorkspaceMgr.noWorkspaces());
    double zeros = out.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    assertEquals(0.2, zeros, 0.01);
    assertEquals(1 / 0.8, out.maxNumber().doubleValue(), 1e-5);
  }
}
