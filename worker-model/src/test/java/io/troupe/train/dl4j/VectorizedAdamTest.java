package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class VectorizedAdamTest {
  @Test
  void eachStepMatchesDl4jAdamOnTheSameState() {
    // Float, as trials train. Learning rate on a schedule, so the per-iteration rate is used too.
    Adam config = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.9));
    MultiLayerNetwork ours = mlp(config, DataType.FLOAT);
    MultiLayerNetwork theirs = mlp(config, DataType.FLOAT);
    assertEquals(1, VectorizedAdam.install(ours), "one block: both layers share one Adam configuration");
    assertInstanceOf(VectorizedAdam.class,
        ((BaseMultiLayerUpdater<?>) ours.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater());
    DataSet data = Nets.classification(64, 3);
    DataSet floats = new DataSet(data.getFeatures().castTo(DataType.FLOAT), data.getLabels().castTo(DataType.FLOAT));
    for (int step = 0; step < 30; step++) {
      ours.fit(floats);
      theirs.fit(floats);
      // Float rounding order differs, so not bit-equal: close to float precision, at every step.
      double scale = theirs.params().norm2Number().doubleValue();
      double diff = ours.params().sub(theirs.params()).norm2Number().doubleValue();
      assertTrue(diff <= 1e-5 * scale, "step " + step + ": parameters parted by " + diff);
      double stateDiff = ours.getUpdater().getStateViewArray().sub(theirs.getUpdater().getStateViewArray())
          .norm2Number().doubleValue();
      assertTrue(stateDiff <= 1e-5 * Math.max(1e-3, theirs.getUpdater().getStateViewArray().norm2Number().doubleValue()),
          "step " + step + ": Adam state parted by " + stateDiff);
    }
    // It moved: the comparison is between two trained networks, not two untouched ones.
    assertTrue(mlp(config, DataType.FLOAT).params().sub(ours.params()).norm2Number().doubleValue() > 1e-2);
  }

  @Test
  void aSavedNetworkIsPlainDl4jAdamAndContinuesExactly() throws Exception {
    DataSet doubles = Nets.classification(64, 5);
    DataSet data = new DataSet(doubles.getFeatures().castTo(DataType.FLOAT), doubles.getLabels().castTo(DataType.FLOAT));
    MultiLayerNetwork straight = mlp(new Adam(0.01), DataType.FLOAT);
    assertEquals(1, VectorizedAdam.install(straight));
    Nets.fit(straight, data, 10);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(straight, bytes, true);
    Nets.fit(straight, data, 10);

    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    assertInstanceOf(Adam.class, restored.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W"));
    assertInstanceOf(AdamUpdater.class,
        ((BaseMultiLayerUpdater<?>) restored.getUpdater(true)).getUpdaterBlocks().get(0).getGradientUpdater(),
        "a plain DL4J network: nothing of Troupe's in the saved model");
    assertEquals(1, VectorizedAdam.install(restored));
    Nets.fit(restored, data, 10);
    assertEquals(straight.params(), restored.params());
    assertEquals(0.0, straight.params().sub(restored.params()).norm1Number().doubleValue(), 0.0);
  }

  @Test
  void otherUpdatersAndDoublePrecisionAreLeftAlone() {
    assertEquals(0, VectorizedAdam.install(mlp(new Sgd(0.1), DataType.FLOAT)));
    assertEquals(0, VectorizedAdam.install(mlp(new Adam(0.01), DataType.DOUBLE)), "the kernel is float only");
  }

  @Test
  void theTestJvmRunsTheVectorKernel() {
    // Surefire starts test JVMs with --add-modules=jdk.incubator.vector, as the launcher does; without
    // it every test above would pass on DL4J's own Adam and prove nothing about this one.
    assertTrue(VectorizedAdam.available());
  }

  private static MultiLayerNetwork mlp(org.nd4j.linalg.learning.config.IUpdater updater, DataType type) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
        .updater(updater).weightInit(WeightInit.XAVIER).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
