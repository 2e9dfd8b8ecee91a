package io.troupe.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class IdentityInitTest {
  /** A one-layer network [nIn, nOut] initialised with {@code init}. */
  private static MultiLayerNetwork dense(int nIn, int nOut, IdentityInit init) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
        .dataType(DataType.DOUBLE).weightInit(init).list()
        .layer(new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  @Test
  void wideLayerGetsOnesOnTheDiagonal() {
    INDArray w = dense(3, 5, new IdentityInit()).getParam("0_W");
    INDArray expected = Nd4j.create(new double[][] {
        {1, 0, 0, 0, 0},
        {0, 1, 0, 0, 0},
        {0, 0, 1, 0, 0}});
    assertEquals(expected, w);
  }

  @Test
  void tallLayerGetsGainOnTheDiagonal() {
    MultiLayerNetwork net = dense(5, 3, new IdentityInit(2.5));
    INDArray expected = Nd4j.create(new double[][] {
        {2.5, 0, 0},
        {0, 2.5, 0},
        {0, 0, 2.5},
        {0, 0, 0},
        {0, 0, 0}});
    assertEquals(expected, net.getParam("0_W"));
    assertEquals(Nd4j.zeros(DataType.DOUBLE, 3), net.getParam("0_b"));
    // The parameters are views of the flat vector, so the network computes with them.
    INDArray x = Nd4j.create(new double[][] {{1, 2, 3, 4, 5}});
    assertEquals(Nd4j.create(new double[][] {{2.5, 5, 7.5}}), net.output(x));
  }

  @Test
  void survivesConfigurationJson() {
    MultiLayerConfiguration conf = dense(3, 5, new IdentityInit(0.5)).getLayerWiseConfigurations();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    BaseLayer layer = (BaseLayer) back.getConf(0).getLayer();
    assertEquals(new IdentityInit(0.5), layer.getWeightInitFn());
    assertEquals(0.5, ((IdentityInit) layer.getWeightInitFn()).gain());
    MultiLayerNetwork rebuilt = new MultiLayerNetwork(back);
    rebuilt.init();
    assertEquals(0.5, rebuilt.getParam("0_W").getDouble(2, 2));
  }

  @Test
  void missingGainMeansOne() {
    assertEquals(new IdentityInit(), new IdentityInit((Double) null));
    assertEquals(1.0, new IdentityInit().gain());
  }

  @Test
  void deepNarrowLinearNetworkStartsAsTheIdentityMap() {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.DOUBLE).updater(new Sgd(0.01)).weightInit(new IdentityInit())
        .activation(Activation.IDENTITY).list();
    for (int i = 0; i < 9; i++) {
      list.layer(new DenseLayer.Builder().nIn(1).nOut(1).build());
    }
    // OutputLayer defaults to softmax whatever the global activation says.
    list.layer(new OutputLayer.Builder(LossFunction.MSE).nIn(1).nOut(1)
        .activation(Activation.IDENTITY).build());
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    assertEquals(10, net.getnLayers());
    INDArray x = Nd4j.create(new double[][] {{-3}, {0.5}, {7}});
    assertEquals(x, net.output(x), "10 layers of w = 1, b = 0 map x to x");
  }

  @Test
  void rejectsNonMatrixShapes() {
    INDArray view = Nd4j.zeros(DataType.DOUBLE, 1, 27);
    assertThrows(IllegalArgumentException.class,
        () -> new IdentityInit().init(9, 3, new long[] {3, 1, 3, 3}, 'c', view));
  }
}
