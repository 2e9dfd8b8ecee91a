package io.troupe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.config.ExperimentSpec;
import io.troupe.data.DataSplits;
import io.troupe.model.ModelFactory;
import io.troupe.model.NetworkShape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/** After re-estimation a batch-norm layer holds the exact mean and variance of its inputs. */
class BatchNormRefresherTest {
  @Test
  void statisticsMatchThePopulationOfTheLayerInputs() {
    ExperimentSpec spec = TrialFixture.spec("model.batchNorm=true", "model.hidden=[5]");
    DataSplits splits = TrialFixture.data(spec);
    MultiLayerNetwork net = new MultiLayerNetwork(ModelFactory.build(spec.model(), spec.train(),
        NetworkShape.of(splits.train()), new Sgd(0.1), 3));
    net.init();
    BatchSource train = new BatchSource(splits.train(), splits.transform(), null);
    assertEquals(1, BatchNormRefresher.refresh(io.troupe.model.Network.of(net, io.troupe.api.InputLayout.feedForward()), train));
    // Layer 0 is dense (identity activation), layer 1 the batch norm over its 5 outputs.
    INDArray inputs = net.feedForwardToLayer(0, train.features(0, train.size()), false).get(1);
    INDArray mean = net.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
    INDArray var = net.getLayer(1).getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    INDArray expectedMean = inputs.mean(0);
    INDArray expectedVar = inputs.var(false, 0);
    for (int j = 0; j < 5; j++) {
      assertEquals(expectedMean.getDouble(j), mean.getDouble(j), 1e-4, "mean of unit " + j);
      assertEquals(expectedVar.getDouble(j), var.getDouble(j), 1e-3 * Math.max(1, expectedVar.getDouble(j)), "var of unit " + j);
    }
  }
}
